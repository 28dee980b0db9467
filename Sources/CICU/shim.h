#ifndef CCL10N_ICU_SHIM_H
#define CCL10N_ICU_SHIM_H
// ICU renames every C entry point with its major version (udat_open is really udat_open_72, through
// unicode/urename.h), so Swift cannot see the plain names. These inline wrappers call the plain names,
// which the preprocessor renames here: nothing in the project hard-codes the ICU version.
#include <unicode/utypes.h>
#include <unicode/uloc.h>
#include <unicode/ucal.h>
#include <unicode/udat.h>
#include <unicode/udatpg.h>
#include <unicode/udateintervalformat.h>
#include <unicode/unumberformatter.h>
#include <unicode/ucurr.h>
#include <unicode/ubrk.h>
#include <unicode/upluralrules.h>
#include <unicode/uversion.h>
#include <unicode/uenum.h>
#include <unicode/unum.h>

static inline UBool ccl10n_u_failure(UErrorCode e) { return U_FAILURE(e); }
static inline const char *ccl10n_u_errorName(UErrorCode e) { return u_errorName(e); }
static inline void ccl10n_u_getVersion(UVersionInfo v) { u_getVersion(v); }

static inline int32_t ccl10n_uloc_forLanguageTag(const char *tag, char *id, int32_t cap, int32_t *parsed, UErrorCode *e) {
    return uloc_forLanguageTag(tag, id, cap, parsed, e);
}
static inline int32_t ccl10n_uloc_toLanguageTag(const char *id, char *tag, int32_t cap, UBool strict, UErrorCode *e) {
    return uloc_toLanguageTag(id, tag, cap, strict, e);
}
static inline int32_t ccl10n_uloc_getLanguage(const char *id, char *lang, int32_t cap, UErrorCode *e) {
    return uloc_getLanguage(id, lang, cap, e);
}
static inline const char *ccl10n_uloc_getISO3Language(const char *id) { return uloc_getISO3Language(id); }
static inline int32_t ccl10n_uloc_getCharacterOrientation(const char *id, UErrorCode *e) {
    return (int32_t)uloc_getCharacterOrientation(id, e);
}

static inline UCalendar *ccl10n_ucal_openGregorianUTC(UErrorCode *e) {
    static const UChar utc[] = { 'U', 'T', 'C', 0 };
    return ucal_open(utc, 3, "en_US_POSIX", UCAL_GREGORIAN, e);
}
static inline void ccl10n_ucal_close(UCalendar *c) { ucal_close(c); }
static inline void ccl10n_ucal_setStrict(UCalendar *c) { ucal_setAttribute(c, UCAL_LENIENT, 0); }
static inline void ccl10n_ucal_clear(UCalendar *c) { ucal_clear(c); }
static inline void ccl10n_ucal_setDateTime(UCalendar *c, int32_t y, int32_t mo, int32_t d, int32_t h, int32_t mi, int32_t s, UErrorCode *e) {
    ucal_setDateTime(c, y, mo - 1, d, h, mi, s, e);
}
static inline UDate ccl10n_ucal_getMillis(const UCalendar *c, UErrorCode *e) { return ucal_getMillis(c, e); }

static inline UDateFormat *ccl10n_udat_openStyle(int32_t style, const char *loc, UErrorCode *e) {
    static const UChar utc[] = { 'U', 'T', 'C', 0 };
    return udat_open(UDAT_NONE, (UDateFormatStyle)style, loc, utc, 3, NULL, 0, e);
}
static inline UDateFormat *ccl10n_udat_openPattern(const UChar *pattern, int32_t len, const char *loc, UErrorCode *e) {
    static const UChar utc[] = { 'U', 'T', 'C', 0 };
    return udat_open(UDAT_PATTERN, UDAT_PATTERN, loc, utc, 3, pattern, len, e);
}
static inline void ccl10n_udat_close(UDateFormat *f) { udat_close(f); }
static inline int32_t ccl10n_udat_format(const UDateFormat *f, UDate d, UChar *out, int32_t cap, UErrorCode *e) {
    return udat_format(f, d, out, cap, NULL, e);
}

static inline UDateTimePatternGenerator *ccl10n_udatpg_open(const char *loc, UErrorCode *e) { return udatpg_open(loc, e); }
static inline void ccl10n_udatpg_close(UDateTimePatternGenerator *g) { udatpg_close(g); }
static inline int32_t ccl10n_udatpg_getBestPattern(UDateTimePatternGenerator *g, const UChar *sk, int32_t len, UChar *out, int32_t cap, UErrorCode *e) {
    return udatpg_getBestPattern(g, sk, len, out, cap, e);
}

static inline UDateIntervalFormat *ccl10n_udtitvfmt_open(const char *loc, const UChar *sk, int32_t len, UErrorCode *e) {
    static const UChar utc[] = { 'U', 'T', 'C', 0 };
    return udtitvfmt_open(loc, sk, len, utc, 3, e);
}
static inline void ccl10n_udtitvfmt_close(UDateIntervalFormat *f) { udtitvfmt_close(f); }
static inline int32_t ccl10n_udtitvfmt_format(const UDateIntervalFormat *f, UDate from, UDate to, UChar *out, int32_t cap, UErrorCode *e) {
    return udtitvfmt_format(f, from, to, out, cap, NULL, e);
}

static inline UNumberFormatter *ccl10n_unumf_openForSkeleton(const UChar *sk, int32_t len, const char *loc, UParseError *pe, UErrorCode *e) {
    return unumf_openForSkeletonAndLocaleWithError(sk, len, loc, pe, e);
}
static inline void ccl10n_unumf_close(UNumberFormatter *f) { unumf_close(f); }
static inline UFormattedNumber *ccl10n_unumf_openResult(UErrorCode *e) { return unumf_openResult(e); }
static inline void ccl10n_unumf_closeResult(UFormattedNumber *r) { unumf_closeResult(r); }
static inline void ccl10n_unumf_formatDecimal(const UNumberFormatter *f, const char *v, int32_t len, UFormattedNumber *r, UErrorCode *e) {
    unumf_formatDecimal(f, v, len, r, e);
}
static inline int32_t ccl10n_unumf_resultToString(const UFormattedNumber *r, UChar *out, int32_t cap, UErrorCode *e) {
    return unumf_resultToString(r, out, cap, e);
}

static inline UNumberFormat *ccl10n_unum_openDecimal(const char *loc, UErrorCode *e) {
    return unum_open(UNUM_DECIMAL, NULL, 0, loc, NULL, e);
}
static inline void ccl10n_unum_close(UNumberFormat *f) { unum_close(f); }
static inline double ccl10n_unum_parseDouble(const UNumberFormat *f, const UChar *text, int32_t len, int32_t *pos, UErrorCode *e) {
    return unum_parseDouble(f, text, len, pos, e);
}
static inline UBool ccl10n_ucurr_isKnown(const UChar *code, UErrorCode *e) {
    return ucurr_isAvailable(code, U_DATE_MIN, U_DATE_MAX, e);
}

static inline UBreakIterator *ccl10n_ubrk_open(int32_t type, const char *loc, const UChar *text, int32_t len, UErrorCode *e) {
    return ubrk_open((UBreakIteratorType)type, loc, text, len, e);
}
static inline void ccl10n_ubrk_close(UBreakIterator *b) { ubrk_close(b); }
static inline UBreakIterator *ccl10n_ubrk_clone(const UBreakIterator *b, UErrorCode *e) { return ubrk_clone(b, e); }
static inline void ccl10n_ubrk_setText(UBreakIterator *b, const UChar *text, int32_t len, UErrorCode *e) { ubrk_setText(b, text, len, e); }
static inline int32_t ccl10n_ubrk_first(UBreakIterator *b) { return ubrk_first(b); }
static inline int32_t ccl10n_ubrk_next(UBreakIterator *b) { return ubrk_next(b); }
static inline int32_t ccl10n_ubrk_getRuleStatus(UBreakIterator *b) { return ubrk_getRuleStatus(b); }

static inline UPluralRules *ccl10n_uplrules_open(const char *loc, UErrorCode *e) { return uplrules_open(loc, e); }
static inline UPluralRules *ccl10n_uplrules_openOrdinal(const char *loc, UErrorCode *e) { return uplrules_openForType(loc, UPLURAL_TYPE_ORDINAL, e); }
static inline UEnumeration *ccl10n_uplrules_getKeywords(const UPluralRules *r, UErrorCode *e) { return uplrules_getKeywords(r, e); }
static inline const char *ccl10n_uenum_next(UEnumeration *en, int32_t *len, UErrorCode *e) { return uenum_next(en, len, e); }
static inline void ccl10n_uenum_close(UEnumeration *en) { uenum_close(en); }
static inline void ccl10n_uplrules_close(UPluralRules *r) { uplrules_close(r); }
static inline int32_t ccl10n_uplrules_select(const UPluralRules *r, double n, UChar *out, int32_t cap, UErrorCode *e) {
    return uplrules_select(r, n, out, cap, e);
}
#endif
