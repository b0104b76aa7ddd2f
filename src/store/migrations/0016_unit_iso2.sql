-- 0016_unit_iso2: a unit's ISO 3166-1 alpha-2 code (data/countries.csv's
-- iso2 column), which exports to standards that name countries that way
-- need (the IATI-style XML of pledges: recipient-country). Empty for units
-- without one (the fictional demo units, user-defined units); filled by
-- `cybercap init` as it loads the units again.
ALTER TABLE unit ADD COLUMN iso2 TEXT NOT NULL DEFAULT '';
