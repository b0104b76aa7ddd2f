/*
 * csirt_services.h - the FIRST CSIRT Services Framework catalogue (v2.1:
 * 5 service areas, 21 services, 76 functions) that cybercap bundles as
 * data/first-csirt-services.json (made by scripts/csirt-services from the
 * MISP galaxy, CC0; attribution in the file and in data/README.md). The
 * file is compiled into the binary as cc_csirt_services_json; a CIRT
 * plan's service catalogue is a set of its service ids ("2.3").
 *
 * Ownership: a parsed catalogue's strings and arrays hang off its arena;
 * cc_csirt_catalogue_free releases them.
 */
#ifndef CC_CSIRT_SERVICES_H
#define CC_CSIRT_SERVICES_H

#include "../core/arena.h"
#include "../core/error.h"

extern const char cc_csirt_services_json[];

struct cc_csirt_function {
	const char *id, *name, *purpose, *outcome;
};

struct cc_csirt_service {
	const char *id, *name, *purpose, *outcome;
	const char *area;                   /* its area's id */
	struct cc_csirt_function *functions;
	int nfunctions;
};

struct cc_csirt_area {
	const char *id, *name;
	struct cc_csirt_service *services;
	int nservices;
};

struct cc_csirt_catalogue {
	struct cc_arena arena;
	const char *name, *version, *source, *attribution, *licence;
	struct cc_csirt_area *areas;
	int nareas, nservices, nfunctions;
};

/* Parses a catalogue in the bundled file's shape (text NULL: the bundled
 * one). CC_EINPUT naming what is missing; free it also after an error. */
int cc_csirt_catalogue_load(struct cc_csirt_catalogue *c, const char *text,
			    struct cc_error *err);
void cc_csirt_catalogue_free(struct cc_csirt_catalogue *c);

/* The service with that id, or NULL. */
const struct cc_csirt_service *cc_csirt_service_find(const struct cc_csirt_catalogue *c,
						     const char *id);

#endif
