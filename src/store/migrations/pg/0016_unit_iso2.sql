-- PostgreSQL dialect of ../0016_unit_iso2.sql.
-- 0016_unit_iso2: a unit's ISO 3166-1 alpha-2 code (data/countries.csv's
-- iso2 column), for the exports that name countries that way.
ALTER TABLE unit ADD COLUMN iso2 TEXT NOT NULL DEFAULT '';
