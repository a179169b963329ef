import { schemaSql } from './0001-schema.js';
import { applyOpsSql } from './0002-apply-ops.js';
import { rememberRejectionsSql } from './0003-remember-rejections.js';
import { boundsSql } from './0004-bounds.js';
import { stockCountsSql } from './0005-stock-counts.js';
import { stationNamesSql } from './0006-station-names.js';
import { traceSql } from './0007-trace.js';
import { setPushSql } from './0008-set-push.js';
import { identifierKindsSql } from './0009-identifier-kinds.js';
import { dispatchedUnitsKeySql, pushSpeedSql } from './0010-push-speed.js';
import { lotDatesSql } from './0011-lot-dates.js';
import { leanerSetPushSql } from './0012-push-set-leaner.js';
import { stablePlansSetPushSql } from './0013-push-set-stable-plans.js';
import { fewerChecksSetPushSql } from './0014-push-set-fewer-checks.js';
import { keysPerStatementSql } from './0015-push-keys-per-statement.js';
import { pushRequestSql } from './0016-push-request.js';
import { supersededStatesSetPushSql } from './0017-push-set-superseded-states.js';
import { productsByIndexSetPushSql } from './0018-push-set-products-by-index.js';
import { identifiersRoomToConsumeSql } from './0019-identifiers-room-to-consume.js';
import { keyedLookupsSetPushSql } from './0020-push-set-keyed-lookups.js';
import { newOrdersByKeySetPushSql } from './0021-push-set-new-orders-by-key.js';
import { intakeIdentifiersOnceSql } from './0022-intake-identifiers-once.js';
import { pushIdentifiersOnceSql } from './0023-push-identifiers-once.js';
import { nameRulesSql } from './0024-name-rules.js';
import { intakeOrderRetriedSql } from './0025-intake-order-retried.js';
import { stockCountAnswersSql } from './0026-stock-count-answers.js';
import { warehouseFormerNamesSql } from './0027-warehouse-former-names.js';
import { allocationsLiveByProductSql } from './0028-allocations-live-by-product.js';
import { intakeOrderDispatchedClosedSql } from './0029-intake-order-dispatched-closed.js';
import { stationIntegrationCaseSql } from './0030-station-integration-case.js';
import { modeNoneNamesOrdersSql } from './0031-mode-none-names-orders.js';
import { barcodeNamesOneProductSql } from './0032-barcode-names-one-product.js';

export interface Migration {
  version: number;
  name: string;
  sql: string;
}

/** Append only: a released migration never changes; fix forward with a new version. */
export const migrations: readonly Migration[] = [
  { version: 1, name: 'schema', sql: schemaSql },
  { version: 2, name: 'apply ops', sql: applyOpsSql },
  { version: 3, name: 'remember rejections', sql: rememberRejectionsSql },
  { version: 4, name: 'bounds', sql: boundsSql },
  { version: 5, name: 'stock counts', sql: stockCountsSql },
  { version: 6, name: 'station names', sql: stationNamesSql },
  { version: 7, name: 'trace: identifier events, dispatched units', sql: traceSql },
  { version: 8, name: 'push applied set-wise', sql: setPushSql },
  { version: 9, name: 'identifier kinds, formats, minimum shelf life', sql: identifierKindsSql },
  { version: 10, name: 'push speed: change-log triggers skipped while set-wise, one key per dispatched unit', sql: pushSpeedSql + dispatchedUnitsKeySql },
  { version: 11, name: 'lots with a use-by date', sql: lotDatesSql },
  { version: 12, name: 'push speed: push_set in fewer passes, one dispatch payload', sql: leanerSetPushSql },
  { version: 13, name: 'push speed: push_set planned once per connection (scratch tables without indexes)', sql: stablePlansSetPushSql },
  { version: 14, name: 'push speed: orders looked up by index, no subtransaction per instant, identifier events checked per statement', sql: fewerChecksSetPushSql },
  { version: 15, name: 'push speed: foreign keys of kept rows checked per statement', sql: keysPerStatementSql },
  { version: 16, name: "push speed: a station's turn taken and given back in one CALL (push_request)", sql: pushRequestSql },
  { version: 17, name: 'push speed: superseded states of a run not logged, allocations of new lines inserted plainly', sql: supersededStatesSetPushSql },
  { version: 18, name: 'push speed: push_set reads only the products a run names, by key', sql: productsByIndexSetPushSql },
  { version: 19, name: 'push speed: identifier pages keep room for each row to be consumed in place (HOT)', sql: identifiersRoomToConsumeSql },
  { version: 20, name: 'push reliability: push_set reads tables through their indexes whatever their statistics (enable_seqscan off)', sql: keyedLookupsSetPushSql },
  { version: 21, name: "push speed: a new order's ops look it up by key (no nested loop over the run)", sql: newOrdersByKeySetPushSql },
  { version: 22, name: 'order system: identifiers sent again are not added (nor recorded) again', sql: intakeIdentifiersOnceSql },
  { version: 23, name: 'bench push: identifiers the hub holds are not recorded as added again', sql: pushIdentifiersOnceSql },
  { version: 24, name: 'warehouse and integration names follow the shared text rules; warehouse names unique ignoring case', sql: nameRulesSql },
  { version: 25, name: 'order system: a new order sent twice at once is created once and the other answer is unchanged', sql: intakeOrderRetriedSql },
  { version: 26, name: 'order system: a stock count that changes nothing is answered unchanged (or rejected: another level at the held count time); mode none refused while allocations await dispatch', sql: stockCountAnswersSql },
  { version: 27, name: 'rename-warehouse: former warehouse names, so benches bound to one follow the rename', sql: warehouseFormerNamesSql },
  { version: 28, name: 'order system: a product turned to mode none finds its live allocations by index, not by reading them all', sql: allocationsLiveByProductSql },
  { version: 29, name: 'order system: an order dispatched in full is closed; sent again it is unchanged, any change is rejected', sql: intakeOrderDispatchedClosedSql },
  { version: 30, name: 'station ids and live integration names unique in a warehouse ignoring case', sql: stationIntegrationCaseSql },
  { version: 31, name: 'order system: mode none refused while allocations await dispatch names the orders (first three, then how many more)', sql: modeNoneNamesOrdersSql },
  { version: 32, name: "a barcode names one product: a product upsert giving a product another product's barcode (the same GTIN in any form) is refused", sql: barcodeNamesOneProductSql },
];
