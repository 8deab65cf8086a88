-- Readable views of the hand-over file and the consolidated database: the records with the names of what
-- they point at, for readers who open the file in sqlite3, DB Browser for SQLite or Datasette.
--
-- A view is created only when every table and column it reads exists (others are skipped), so a view for
-- a table that a later migration adds can be written here before or after that table lands.
-- Two markers are filled in when the views are written into a file:
--   {{region:X}}  the region code of the row of alias X: in a hand-over file the workshop's region code,
--                 in a consolidated database the row's _region_code column.
--   {{same:X,Y}}  "X and Y come from the same workshop": always true in a hand-over file; in a consolidated
--                 database X._workshop_id = Y._workshop_id (lists such as risk levels are joined by number,
--                 and every workshop has its own).
-- Joins by UUID need no marker: UUIDs are unique across all workshops.

CREATE VIEW v_participant AS
SELECT {{region:p}} AS region_code, p.id, p.name, p.position, p.nip,
       coalesce(o.name, p.organisation) AS organisation, o.short_name AS opd_short_name,
       p.pentahelix, p.phone, p.email, p.notes, p.opd_id
FROM participant p LEFT JOIN opd o ON o.id = p.opd_id;

CREATE VIEW v_attendance AS
SELECT {{region:a}} AS region_code, d.day_date, d.label AS day_label, p.name AS participant, p.position,
       coalesce(o.name, p.organisation) AS organisation, p.pentahelix, a.participant_id, a.day_id
FROM attendance a
JOIN participant p ON p.id = a.participant_id
JOIN workshop_day d ON d.id = a.day_id
LEFT JOIN opd o ON o.id = p.opd_id;

CREATE VIEW v_attendance_per_day AS
SELECT {{region:d}} AS region_code, d.day_date, d.label AS day_label,
       (SELECT count(*) FROM attendance a WHERE a.day_id = d.id) AS present,
       (SELECT count(*) FROM participant p WHERE {{same:p,d}}) AS registered
FROM workshop_day d;

CREATE VIEW v_innovation AS
SELECT {{region:i}} AS region_code, i.code, i.name, dm.code AS dimension_code, dm.name AS dimension,
       e.name AS element, o.name AS lead_opd, o.short_name AS lead_opd_short_name,
       (SELECT group_concat(so.name, '; ') FROM innovation_supporting_opd s JOIN opd so ON so.id = s.opd_id
         WHERE s.innovation_id = i.id) AS supporting_opds,
       (SELECT group_concat(CASE WHEN ip.name <> '' THEN ip.pentahelix || ': ' || ip.name ELSE ip.pentahelix END, '; ')
          FROM innovation_partner ip WHERE ip.innovation_id = i.id) AS partners,
       CASE i.status WHEN 'running' THEN 'sudah berjalan' ELSE 'belum berjalan' END AS status,
       CASE i.is_ict WHEN 1 THEN 'TIK' ELSE 'non-TIK' END AS ict,
       CASE i.location_scope WHEN 'region' THEN 'seluruh wilayah'
            ELSE (SELECT group_concat(ds.name, '; ') FROM innovation_district idd JOIN district ds ON ds.id = idd.district_id
                   WHERE idd.innovation_id = i.id) END AS location,
       i.problem, i.description, i.improvement, i.beneficiaries, i.proposing_group, i.notes,
       i.id, i.dimension_id, i.element_id, i.lead_opd_id, i.created_at, i.updated_at
FROM innovation i
JOIN dimension dm ON dm.id = i.dimension_id
LEFT JOIN element e ON e.id = i.element_id
LEFT JOIN opd o ON o.id = i.lead_opd_id;

CREATE VIEW v_action_plan AS
SELECT {{region:p}} AS region_code, i.code AS innovation_code, i.name AS innovation, dm.name AS dimension,
       p.position AS step, p.activity, p.output, p.indicator, p.target, p.first_year, p.last_year,
       (SELECT group_concat(hs.name, ', ') FROM horizon_stage hs
         WHERE {{same:hs,p}} AND hs.first_year <= p.last_year AND hs.last_year >= p.first_year) AS stages,
       o.name AS responsible_opd, p.partners, f.name AS funding_source, p.budget AS budget_rupiah,
       s.name AS status, p.notes, p.id, p.innovation_id, p.opd_id, p.funding_source_id, p.status_id,
       p.created_at, p.updated_at
FROM action_plan p
JOIN innovation i ON i.id = p.innovation_id
JOIN dimension dm ON dm.id = i.dimension_id
LEFT JOIN opd o ON o.id = p.opd_id
LEFT JOIN funding_source f ON f.id = p.funding_source_id
LEFT JOIN plan_status s ON s.id = p.status_id;

CREATE VIEW v_risk AS
SELECT {{region:r}} AS region_code, r.code, i.code AS innovation_code, i.name AS innovation,
       ap.activity AS action_plan, CASE r.risk_type WHEN 'positive' THEN 'positif' ELSE 'negatif' END AS risk_type,
       r.event, r.cause, r.consequence, c.name AS category, a.name AS impact_area, r.existing_controls,
       r.likelihood, ll.name AS likelihood_name, r.impact, il.name AS impact_name, r.magnitude,
       r.level, lv.name AS level_name, lv.colour AS level_colour,
       CASE r.treatment_decision WHEN 'yes' THEN 'ya' WHEN 'no' THEN 'tidak' ELSE '' END AS treatment_decision,
       r.treatment_option, r.treatment_action, r.output, r.schedule, o.name AS owner_opd,
       r.residual_likelihood, r.residual_impact, r.residual_magnitude, r.residual_level,
       rl.name AS residual_level_name, rl.colour AS residual_level_colour, r.notes,
       r.id, r.innovation_id, r.action_plan_id, r.category_id, r.impact_area_id, r.owner_opd_id,
       r.created_at, r.updated_at
FROM risk r
JOIN innovation i ON i.id = r.innovation_id
LEFT JOIN action_plan ap ON ap.id = r.action_plan_id
LEFT JOIN risk_category c ON c.id = r.category_id
LEFT JOIN impact_area a ON a.id = r.impact_area_id
LEFT JOIN opd o ON o.id = r.owner_opd_id
LEFT JOIN risk_likelihood_level ll ON ll.number = r.likelihood AND {{same:ll,r}}
LEFT JOIN risk_impact_level il ON il.number = r.impact AND {{same:il,r}}
LEFT JOIN risk_level lv ON lv.number = r.level AND {{same:lv,r}}
LEFT JOIN risk_level rl ON rl.number = r.residual_level AND {{same:rl,r}};

CREATE VIEW v_risk_matrix AS
SELECT {{region:c}} AS region_code, c.likelihood, ll.name AS likelihood_name, c.impact, il.name AS impact_name,
       c.magnitude, c.level, lv.name AS level_name, lv.colour AS level_colour,
       lv.min_magnitude, lv.max_magnitude
FROM risk_matrix_cell c
LEFT JOIN risk_likelihood_level ll ON ll.number = c.likelihood AND {{same:ll,c}}
LEFT JOIN risk_impact_level il ON il.number = c.impact AND {{same:il,c}}
LEFT JOIN risk_level lv ON lv.number = c.level AND {{same:lv,c}};

CREATE VIEW v_record_count AS
SELECT {{region:dm}} AS region_code, dm.code AS dimension_code, dm.name AS dimension,
       count(DISTINCT i.id) AS innovations,
       (SELECT count(*) FROM action_plan p JOIN innovation i2 ON i2.id = p.innovation_id
         WHERE i2.dimension_id = dm.id) AS action_plans,
       (SELECT coalesce(sum(p.budget), 0) FROM action_plan p JOIN innovation i2 ON i2.id = p.innovation_id
         WHERE i2.dimension_id = dm.id) AS budget_rupiah
FROM dimension dm LEFT JOIN innovation i ON i.dimension_id = dm.id
GROUP BY dm.id;

CREATE VIEW v_quickwin_score AS
SELECT {{region:s}} AS region_code, i.code AS innovation_code, i.name AS innovation, c.name AS criterion,
       c.weight, c.direction, CASE s.group_name WHEN '' THEN 'disepakati' ELSE s.group_name END AS group_name,
       s.score, s.innovation_id, s.criterion_id, s.id, s.updated_at
FROM quickwin_score s
JOIN innovation i ON i.id = s.innovation_id
JOIN quickwin_criterion c ON c.id = s.criterion_id;

CREATE VIEW v_quickwin_choice AS
SELECT {{region:q}} AS region_code, q.position, i.code AS innovation_code, i.name AS innovation,
       dm.name AS dimension, o.name AS lead_opd, q.justification,
       (SELECT coalesce(sum(v.votes), 0) FROM quickwin_vote v WHERE v.innovation_id = i.id) AS votes,
       q.innovation_id, q.id, q.updated_at
FROM quickwin_choice q
JOIN innovation i ON i.id = q.innovation_id
JOIN dimension dm ON dm.id = i.dimension_id
LEFT JOIN opd o ON o.id = i.lead_opd_id;

-- Records carried from an earlier bimtek stage (fgd-app next-stage): each row of a later stage with the row
-- it is the later version of. In a consolidated database every stage of a region is its own workshop;
-- source_stage is empty while the earlier stage's file has not been merged.
CREATE VIEW v_record_version AS
SELECT {{region:c}} AS region_code, c.table_name, c.row_id, w.bimtek_stage AS stage, c.source_row_id,
       sw.bimtek_stage AS source_stage, c.source_workshop_id, w.id AS workshop_id
FROM carried_row c
JOIN workshop w ON {{same:w,c}}
LEFT JOIN workshop sw ON sw.id = c.source_workshop_id;
