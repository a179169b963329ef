/**
 * A warehouse's former names (rename-warehouse). Benches know their warehouse by name (the bench binds
 * to the name GET /v1/whoami gave), so whoami also lists the names the warehouse had: a bench bound to
 * one of them follows the rename instead of refusing its own token. The set-up commands keep a former
 * name from being given to another warehouse (under their lock on warehouses), so a name, present or
 * past, always means one warehouse.
 */
export const warehouseFormerNamesSql = /* sql */ `
CREATE TABLE warehouse_former_names (
  warehouse_id bigint NOT NULL REFERENCES warehouses (id),
  name text NOT NULL,
  renamed_at timestamptz NOT NULL DEFAULT now(),
  PRIMARY KEY (warehouse_id, name)
);
CREATE INDEX warehouse_former_names_lower ON warehouse_former_names (lower(name));
`;
