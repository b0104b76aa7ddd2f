-- 0013_texts_i18n: the bundled reference texts in other languages
-- (data/i18n/LANG.yaml, loaded by `cybercap init`): the names of the FIRST
-- CSIRT services, the risk taxonomies' sectors, threats and actors, the
-- partnership themes, the skills competencies and the plan templates'
-- texts, by kind and id (a dotted path inside a template). Replaced whole
-- per language at each init. cybercap's own translations, not official.
CREATE TABLE text_i18n (
	lang TEXT NOT NULL,
	kind TEXT NOT NULL,
	id TEXT NOT NULL,
	text TEXT NOT NULL,
	PRIMARY KEY (kind, lang, id)
);
