-- Embeddings of sections for the optional semantic retrieval, one row per
-- section and embeddings model, so switching models never mixes vectors.

CREATE TABLE section_embeddings (
  section_id INTEGER NOT NULL REFERENCES sections (id) ON DELETE CASCADE,
  tenant     TEXT NOT NULL,
  model      TEXT NOT NULL,
  dimensions INTEGER NOT NULL CHECK (dimensions > 0),
  -- Little-endian float32, normalised to unit length when written, so cosine
  -- similarity is a plain dot product.
  vector     BLOB NOT NULL CHECK (length(vector) = 4 * dimensions),
  PRIMARY KEY (section_id, model)
);

CREATE INDEX section_embeddings_by_tenant ON section_embeddings (tenant, model);

-- Bumped by the triggers below whenever a tenant's embeddings for a model
-- change (including deletions cascading from sections), so a process caching
-- decoded vectors knows exactly when to reload them (a count and a maximum
-- rowid would miss a deleted row whose rowid is reused).
CREATE TABLE section_embedding_state (
  tenant     TEXT NOT NULL,
  model      TEXT NOT NULL,
  generation INTEGER NOT NULL,
  PRIMARY KEY (tenant, model)
) WITHOUT ROWID;

CREATE TRIGGER section_embeddings_insert AFTER INSERT ON section_embeddings BEGIN
  INSERT INTO section_embedding_state (tenant, model, generation) VALUES (new.tenant, new.model, 1)
  ON CONFLICT (tenant, model) DO UPDATE SET generation = generation + 1;
END;

CREATE TRIGGER section_embeddings_delete AFTER DELETE ON section_embeddings BEGIN
  UPDATE section_embedding_state SET generation = generation + 1 WHERE tenant = old.tenant AND model = old.model;
END;

CREATE TRIGGER section_embeddings_update AFTER UPDATE ON section_embeddings BEGIN
  UPDATE section_embedding_state SET generation = generation + 1 WHERE tenant = old.tenant AND model = old.model;
  INSERT INTO section_embedding_state (tenant, model, generation) VALUES (new.tenant, new.model, 1)
  ON CONFLICT (tenant, model) DO UPDATE SET generation = generation + 1;
END;
