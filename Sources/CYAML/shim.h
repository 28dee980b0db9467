#ifndef CCL10N_YAML_SHIM_H
#define CCL10N_YAML_SHIM_H
#include <yaml.h>
#endif
