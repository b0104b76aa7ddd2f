/* sqlite_internal.h - former name of store_internal.h, kept while branches
 * that include it are merged. */
#include "store_internal.h"
