ALTER TABLE `identities` ADD COLUMN `state` VARCHAR(32) NOT NULL;
CREATE INDEX identities_state_idx ON identities (state);
UPDATE `identities` SET `state` = 'active' WHERE `state` = '' LIMIT 1000;
UPDATE `identities` SET `state` = 'active' WHERE `state` = '';
