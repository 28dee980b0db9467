# Sourced by bench/run.sh and bench/living.sh: outputs of a timed run are set aside, not deleted, between runs.
#
# On ext4, an inode freed in the last `vm.dirty_expire_centisecs` (30 s by default) is skipped when a new file
# is made (ext4's recently_deleted check), so creating thousands of files right after deleting thousands
# searches further and further for a free inode: a cold extract of 10,000 documents just after `rm -rf
# Locales` spent 13 s of system time instead of 1.3 s (bench/PROFILE.md). No user's first run follows such a
# deletion, and every tool measured here would pay it, so runs start from outputs renamed into TRASH (a
# rename frees no inode) and the trash is emptied once the timed runs are over, then given time to settle.
#
# TRASH: a folder on the same file system as the outputs (the bench's work folder).
set_aside() { # PATH...: moves each existing PATH into a new folder of TRASH
  local into
  into=$(mktemp -d "$TRASH/set-aside.XXXXXX")
  for path in "$@"; do
    if [ -e "$path" ]; then mv "$path" "$into/"; fi
  done
}

empty_trash() { # removes TRASH's contents; waits for the freed inodes to be reusable when there were any
  if [ -n "$(ls -A "$TRASH" 2>/dev/null)" ]; then
    rm -rf "${TRASH:?}"/*
    sleep "$(( $(cat /proc/sys/vm/dirty_expire_centisecs 2>/dev/null || echo 3000) / 100 + 1 ))"
  fi
  mkdir -p "$TRASH"
}
export -f set_aside empty_trash
