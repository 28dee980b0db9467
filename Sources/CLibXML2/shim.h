#ifndef CCL10N_LIBXML2_SHIM_H
#define CCL10N_LIBXML2_SHIM_H
#include <libxml/parser.h>
#include <libxml/tree.h>
#include <libxml/xmlerror.h>
#include <libxml/xmlsave.h>
#include <libxml/xmlschemas.h>
#include <libxml/catalog.h>
#include <libxml/HTMLparser.h>
#include <libxml/HTMLtree.h>
#include <libxml/xmlreader.h>

/// `xmlFree` is a global function pointer in C; Swift 6 rejects it as shared mutable state.
static inline void ccl10n_xmlFree(void *p) { xmlFree(p); }
#endif
