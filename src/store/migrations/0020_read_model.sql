-- 0020_read_model: a number that changes whenever a table the servers'
-- read model is made of changes (units and groups, frameworks, mappings,
-- campaigns and how many assessments they have (not their status),
-- published results), so that a server
-- reloads its snapshot when that number moved rather than whenever
-- anything was committed (an answer save is not in the snapshot: the
-- answers it shows are those of published campaigns, which no longer
-- change). The row appears with the first such change; `cybercap migrate`
-- does not copy it (the destination counts its own).
CREATE TABLE read_model (
	id INTEGER PRIMARY KEY CHECK (id = 1),
	version INTEGER NOT NULL
);
CREATE TRIGGER read_model_campaign_insert AFTER INSERT ON campaign BEGIN
	INSERT INTO read_model (id, version) VALUES (1, 1)
		ON CONFLICT (id) DO UPDATE SET version = version + 1;
END;
CREATE TRIGGER read_model_campaign_update AFTER UPDATE ON campaign BEGIN
	INSERT INTO read_model (id, version) VALUES (1, 1)
		ON CONFLICT (id) DO UPDATE SET version = version + 1;
END;
CREATE TRIGGER read_model_campaign_delete AFTER DELETE ON campaign BEGIN
	INSERT INTO read_model (id, version) VALUES (1, 1)
		ON CONFLICT (id) DO UPDATE SET version = version + 1;
END;
CREATE TRIGGER read_model_assessment_insert AFTER INSERT ON assessment BEGIN
	INSERT INTO read_model (id, version) VALUES (1, 1)
		ON CONFLICT (id) DO UPDATE SET version = version + 1;
END;
CREATE TRIGGER read_model_assessment_delete AFTER DELETE ON assessment BEGIN
	INSERT INTO read_model (id, version) VALUES (1, 1)
		ON CONFLICT (id) DO UPDATE SET version = version + 1;
END;
CREATE TRIGGER read_model_framework_insert AFTER INSERT ON framework BEGIN
	INSERT INTO read_model (id, version) VALUES (1, 1)
		ON CONFLICT (id) DO UPDATE SET version = version + 1;
END;
CREATE TRIGGER read_model_framework_update AFTER UPDATE ON framework BEGIN
	INSERT INTO read_model (id, version) VALUES (1, 1)
		ON CONFLICT (id) DO UPDATE SET version = version + 1;
END;
CREATE TRIGGER read_model_framework_delete AFTER DELETE ON framework BEGIN
	INSERT INTO read_model (id, version) VALUES (1, 1)
		ON CONFLICT (id) DO UPDATE SET version = version + 1;
END;
CREATE TRIGGER read_model_unit_insert AFTER INSERT ON unit BEGIN
	INSERT INTO read_model (id, version) VALUES (1, 1)
		ON CONFLICT (id) DO UPDATE SET version = version + 1;
END;
CREATE TRIGGER read_model_unit_update AFTER UPDATE ON unit BEGIN
	INSERT INTO read_model (id, version) VALUES (1, 1)
		ON CONFLICT (id) DO UPDATE SET version = version + 1;
END;
CREATE TRIGGER read_model_unit_delete AFTER DELETE ON unit BEGIN
	INSERT INTO read_model (id, version) VALUES (1, 1)
		ON CONFLICT (id) DO UPDATE SET version = version + 1;
END;
CREATE TRIGGER read_model_unit_group_insert AFTER INSERT ON unit_group BEGIN
	INSERT INTO read_model (id, version) VALUES (1, 1)
		ON CONFLICT (id) DO UPDATE SET version = version + 1;
END;
CREATE TRIGGER read_model_unit_group_update AFTER UPDATE ON unit_group BEGIN
	INSERT INTO read_model (id, version) VALUES (1, 1)
		ON CONFLICT (id) DO UPDATE SET version = version + 1;
END;
CREATE TRIGGER read_model_unit_group_delete AFTER DELETE ON unit_group BEGIN
	INSERT INTO read_model (id, version) VALUES (1, 1)
		ON CONFLICT (id) DO UPDATE SET version = version + 1;
END;
CREATE TRIGGER read_model_unit_group_member_insert AFTER INSERT ON unit_group_member BEGIN
	INSERT INTO read_model (id, version) VALUES (1, 1)
		ON CONFLICT (id) DO UPDATE SET version = version + 1;
END;
CREATE TRIGGER read_model_unit_group_member_update AFTER UPDATE ON unit_group_member BEGIN
	INSERT INTO read_model (id, version) VALUES (1, 1)
		ON CONFLICT (id) DO UPDATE SET version = version + 1;
END;
CREATE TRIGGER read_model_unit_group_member_delete AFTER DELETE ON unit_group_member BEGIN
	INSERT INTO read_model (id, version) VALUES (1, 1)
		ON CONFLICT (id) DO UPDATE SET version = version + 1;
END;
CREATE TRIGGER read_model_unit_group_period_insert AFTER INSERT ON unit_group_period BEGIN
	INSERT INTO read_model (id, version) VALUES (1, 1)
		ON CONFLICT (id) DO UPDATE SET version = version + 1;
END;
CREATE TRIGGER read_model_unit_group_period_update AFTER UPDATE ON unit_group_period BEGIN
	INSERT INTO read_model (id, version) VALUES (1, 1)
		ON CONFLICT (id) DO UPDATE SET version = version + 1;
END;
CREATE TRIGGER read_model_unit_group_period_delete AFTER DELETE ON unit_group_period BEGIN
	INSERT INTO read_model (id, version) VALUES (1, 1)
		ON CONFLICT (id) DO UPDATE SET version = version + 1;
END;
CREATE TRIGGER read_model_mapping_insert AFTER INSERT ON mapping BEGIN
	INSERT INTO read_model (id, version) VALUES (1, 1)
		ON CONFLICT (id) DO UPDATE SET version = version + 1;
END;
CREATE TRIGGER read_model_mapping_update AFTER UPDATE ON mapping BEGIN
	INSERT INTO read_model (id, version) VALUES (1, 1)
		ON CONFLICT (id) DO UPDATE SET version = version + 1;
END;
CREATE TRIGGER read_model_mapping_delete AFTER DELETE ON mapping BEGIN
	INSERT INTO read_model (id, version) VALUES (1, 1)
		ON CONFLICT (id) DO UPDATE SET version = version + 1;
END;
CREATE TRIGGER read_model_result_insert AFTER INSERT ON result BEGIN
	INSERT INTO read_model (id, version) VALUES (1, 1)
		ON CONFLICT (id) DO UPDATE SET version = version + 1;
END;
CREATE TRIGGER read_model_result_update AFTER UPDATE ON result BEGIN
	INSERT INTO read_model (id, version) VALUES (1, 1)
		ON CONFLICT (id) DO UPDATE SET version = version + 1;
END;
CREATE TRIGGER read_model_result_delete AFTER DELETE ON result BEGIN
	INSERT INTO read_model (id, version) VALUES (1, 1)
		ON CONFLICT (id) DO UPDATE SET version = version + 1;
END;
CREATE TRIGGER read_model_result_unit_insert AFTER INSERT ON result_unit BEGIN
	INSERT INTO read_model (id, version) VALUES (1, 1)
		ON CONFLICT (id) DO UPDATE SET version = version + 1;
END;
CREATE TRIGGER read_model_result_unit_update AFTER UPDATE ON result_unit BEGIN
	INSERT INTO read_model (id, version) VALUES (1, 1)
		ON CONFLICT (id) DO UPDATE SET version = version + 1;
END;
CREATE TRIGGER read_model_result_unit_delete AFTER DELETE ON result_unit BEGIN
	INSERT INTO read_model (id, version) VALUES (1, 1)
		ON CONFLICT (id) DO UPDATE SET version = version + 1;
END;
