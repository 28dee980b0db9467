#ifndef CCL10N_CMARK_SHIM_H
#define CCL10N_CMARK_SHIM_H
#include <cmark-gfm.h>
#include <cmark-gfm-core-extensions.h>
#endif
