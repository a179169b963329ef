/**
 * Bench migration 7 (issue 12, faster picker): a trigram index over identifier values, so the
 * picker's "contains" search (e.g. an IMEI's last digits, when no value starts with what was typed)
 * is an index lookup rather than a scan of every identifier. Prefix search keeps using the
 * identifiers (product_id, value) unique index. External content: the index holds trigrams only,
 * kept in step with identifiers by triggers. A later migration that rebuilds the identifiers table
 * must recreate these triggers (and 'rebuild' the index).
 */
export const pickerSearchMigration = /* sql */ `
  CREATE VIRTUAL TABLE identifiers_trigram USING fts5(
    value, content = 'identifiers', content_rowid = 'id', tokenize = 'trigram case_sensitive 1', detail = 'none'
  );
  INSERT INTO identifiers_trigram (identifiers_trigram) VALUES ('rebuild');
  CREATE TRIGGER identifiers_trigram_insert AFTER INSERT ON identifiers
  BEGIN
    INSERT INTO identifiers_trigram (rowid, value) VALUES (NEW.id, NEW.value);
  END;
  CREATE TRIGGER identifiers_trigram_delete AFTER DELETE ON identifiers
  BEGIN
    INSERT INTO identifiers_trigram (identifiers_trigram, rowid, value) VALUES ('delete', OLD.id, OLD.value);
  END;
  CREATE TRIGGER identifiers_trigram_update AFTER UPDATE OF value ON identifiers
  BEGIN
    INSERT INTO identifiers_trigram (identifiers_trigram, rowid, value) VALUES ('delete', OLD.id, OLD.value);
    INSERT INTO identifiers_trigram (rowid, value) VALUES (NEW.id, NEW.value);
  END;
`;
