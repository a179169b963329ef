/**
 * The app shell: navigation between screens, the bench's counts, the first-run screen, and the
 * routing of scans made outside any box (an order number opens that order).
 */
import { lazy, Suspense, useEffect, useMemo, useRef, useState, type ReactNode, type RefObject } from 'react';
import { counted } from '../components/format-count.js';
import { isTypingTarget } from '../components/list-keys.js';
import type { BenchApi, Product } from '../../shared/contract/api.js';
import { DEFAULT_SCANNER_SETTINGS } from '../../shared/contract/settings-schemas.js';
import { SyncStatus } from '../components/sync/SyncStatus.js';
import { beepRefusal } from '../scanner/beep.js';
import { scanOptionsFromSettings } from '../scanner/scan-detector.js';
import { ScannerSettingsProvider } from '../scanner/scanner-settings.js';
import { useGlobalScan } from '../scanner/use-global-scan.js';
import type { LookupRequest } from '../screens/lookup/LookupScreen.js';
import { OrdersScreen, type OpenOrderRequest } from '../screens/orders/OrdersScreen.js';
import { useBenchInfo } from './use-bench-info.js';
import { CoreStateBanner } from './use-change-stream.js';
import { UnsavedChangesProvider, useConfirmLeave } from './unsaved-changes.js';
import { useSettings } from './use-settings.js';
import { useShellCommands } from './use-shell-commands.js';
import { ShortcutsHelp } from './ShortcutsHelp.js';
import { useHelpKey } from './use-help-key.js';
import { afterFirstContent } from './after-first-content.js';

// Only the order list is in the first bundle: the other screens load when first opened, so the
// list paints sooner at start-up.
const ProductsScreen = lazy(() => import('../screens/products/ProductsScreen.js').then((m) => ({ default: m.ProductsScreen })));
const LookupScreen = lazy(() => import('../screens/lookup/LookupScreen.js').then((m) => ({ default: m.LookupScreen })));
const RecallScreen = lazy(() => import('../screens/recall/RecallScreen.js').then((m) => ({ default: m.RecallScreen })));
const ImportScreen = lazy(() => import('../screens/setup/ImportScreen.js').then((m) => ({ default: m.ImportScreen })));
const FirstRunScreen = lazy(() => import('../screens/setup/FirstRunScreen.js').then((m) => ({ default: m.FirstRunScreen })));
const HelpScreen = lazy(() => import('../screens/help/HelpScreen.js').then((m) => ({ default: m.HelpScreen })));
const SettingsScreen = lazy(() => import('../screens/settings/SettingsScreen.js').then((m) => ({ default: m.SettingsScreen })));

// Scan routing (with the GS1 parser) is not needed to show the list: it loads after first content.
const loadRouteScan = () => import('./route-scan.js');
afterFirstContent(() => void loadRouteScan());

const PRODUCT_NAME = 'Packing Bench';

type Screen = 'orders' | 'products' | 'lookup' | 'recall' | 'import' | 'settings' | 'help';
const SCREENS: Array<{ id: Screen; label: string }> = [
  { id: 'orders', label: 'Order Dispatch' },
  { id: 'products', label: 'Products' },
  { id: 'lookup', label: 'Identifier Lookup' },
  { id: 'recall', label: 'Recall' },
  { id: 'import', label: 'Import' },
  { id: 'settings', label: 'Settings' },
  { id: 'help', label: 'Help' },
];

export function App({ api }: { api: BenchApi }) {
  return (
    <UnsavedChangesProvider>
      <BenchApp api={api} />
    </UnsavedChangesProvider>
  );
}

function BenchApp({ api }: { api: BenchApi }) {
  // Every way of leaving the screen shown asks first when it holds unsaved edits.
  const confirmLeave = useConfirmLeave();
  const [screen, setScreen] = useState<Screen>('orders');
  const { info, error } = useBenchInfo(api);
  const { settings, settingsError, setSettings } = useSettings(api);
  const scannerSettings = settings?.scanner ?? DEFAULT_SCANNER_SETTINGS;
  const scanOptions = useMemo(() => scanOptionsFromSettings(scannerSettings), [scannerSettings]);
  // First run is decided once, from the first answer; importing then keeps the screen until "Go to…".
  const [firstRun, setFirstRun] = useState<boolean | null>(null);
  const [openRequest, setOpenRequest] = useState<OpenOrderRequest | null>(null);
  const [lookupRequest, setLookupRequest] = useState<LookupRequest | null>(null);
  // A GS1 scan of a product's GTIN made outside any box opens that product.
  const [productRequest, setProductRequest] = useState<{ product: Product; nonce: number } | null>(null);
  const [scanNotice, setScanNotice] = useState<string | null>(null);
  // Where the focus was when the refused scan came (a scan with no box focused): "Dismiss" goes back there.
  const scanFocus = useRef<Element | null>(null);
  const mainRef = useRef<HTMLElement>(null);
  const dismissScanNotice = () => {
    setScanNotice(null);
    // The button goes with the notice: the focus goes back where the packer was, else to the screen, never to the page.
    const back = scanFocus.current;
    scanFocus.current = null;
    if (back instanceof HTMLElement && back.isConnected && back !== document.body) back.focus();
    else mainRef.current?.focus();
  };
  // Bumped on every visit: pressing a screen's nav button opens it afresh (e.g. "Products" → search).
  const [visit, setVisit] = useState(0);
  const [helpOpen, setHelpOpen] = useState(false);
  useHelpKey(() => setHelpOpen(true));

  useEffect(() => {
    if (info && firstRun === null) setFirstRun(info.productCount === 0 && info.awaitingOrderCount === 0);
  }, [info, firstRun]);

  // The bench's name in the title bar (the Electron window takes the page's title).
  const stationName = info?.stationName;
  useEffect(() => {
    document.title = stationName ? `${stationName} — ${PRODUCT_NAME}` : PRODUCT_NAME;
  }, [stationName]);

  /**
   * Every way of leaving the screen shown (a nav button, the menu, a scan or a sync conflict opening
   * an order) goes through here: a refused scan's warning was about the screen left, so it goes too.
   */
  const showScreen = (next: Screen) => {
    setFirstRun(false);
    setScanNotice(null);
    scanFocus.current = null;
    setScreen(next);
  };

  const goTo = (next: Screen) =>
    confirmLeave(
      () => {
        setOpenRequest(null);
        setLookupRequest(null);
        setProductRequest(null);
        showScreen(next);
        setVisit((v) => v + 1);
      },
      { destination: `screen:${next}` },
    );

  // "Go to Order Dispatch" goes away with the first-run screen: the focus goes to the screen it opens
  // (moved before the button is removed), not to the page, where the next Tab starts from the top.
  const continueFromFirstRun = () => {
    mainRef.current?.focus();
    goTo('orders');
  };

  /** `onStay`: the packer stayed with unsaved edits, and nothing opened (the conflicts panel opens again). */
  const openOrder = (orderId: number, onStay?: () => void) =>
    confirmLeave(
      () => {
        showScreen('orders');
        setOpenRequest({ orderId, nonce: Date.now() });
      },
      { onStay },
    );

  useShellCommands((command) => {
    if (command === 'identifierLookup') goTo('lookup');
    if (command === 'openSettings') goTo('settings');
    if (command === 'openHelp') goTo('help');
    if (command === 'openImport') goTo('import');
  });

  // useGlobalScan calls the latest handler (a ref), so this needs no memo and sees the current screen.
  const onScan = (value: string) => {
    setScanNotice(null);
    scanFocus.current = document.activeElement;
    void loadRouteScan().then(({ routeScan }) => routeScan(api, value, scannerSettings.gsSubstitute)).then((route) => {
      if (route.kind === 'order') {
        openOrder(route.orderId);
      } else if (route.kind === 'product') {
        confirmLeave(() => {
          setProductRequest({ product: route.product, nonce: Date.now() });
          showScreen('products');
        });
      } else if (route.kind === 'identifier') {
        confirmLeave(() => {
          showScreen('lookup');
          setLookupRequest({ value: route.gs1Code ?? route.value, nonce: Date.now() });
        });
      } else {
        setScanNotice(route.message);
        beepRefusal();
      }
    });
  };
  useGlobalScan(onScan, scanOptions);

  const status =
    error ??
    (info
      ? `${info.stationName}: ${counted(info.productCount, 'product', 'products')}, ${counted(info.awaitingOrderCount, 'order', 'orders')} awaiting dispatch`
      : 'Connecting…');
  return (
    <ScannerSettingsProvider settings={settings?.scanner ?? null}>
    <div className="app">
      <header className="app-header">
        <h1>Packing bench</h1>
        <nav aria-label="Screens">
          {SCREENS.map((s) => (
            <button key={s.id} type="button" aria-current={!firstRun && screen === s.id ? 'page' : undefined} onClick={() => goTo(s.id)}>
              {s.label}
            </button>
          ))}
        </nav>
        <p role="status" className="bench-status">
          {status}
        </p>
        <button type="button" className="help-button" aria-keyshortcuts="F1" onClick={() => setHelpOpen(true)}>
          Keyboard shortcuts
        </button>
        <SyncStatus api={api} onOpenOrder={openOrder} />
      </header>
      <CoreStateBanner />
      <div role="alert" className={scanNotice ? 'scan-notice' : 'scan-notice empty'}>
        {scanNotice && (
          <>
            <span aria-hidden="true">⚠ </span>
            {scanNotice}{' '}
            <button type="button" onClick={dismissScanNotice}>
              Dismiss
            </button>
          </>
        )}
      </div>
      <main ref={mainRef} tabIndex={-1}>
        <Suspense fallback={<p className="loading">Loading…</p>}>
          <FocusOnArrival visit={visit} screenRef={mainRef}>
          {firstRun ? (
            <FirstRunScreen api={api} empty={!info || (info.productCount === 0 && info.awaitingOrderCount === 0)} onContinue={continueFromFirstRun} />
          ) : (
            <>
              {screen === 'orders' && <OrdersScreen key={visit} api={api} openRequest={openRequest} />}
              {screen === 'products' && <ProductsScreen key={`${visit}-${productRequest?.nonce ?? 0}`} api={api} initialProduct={productRequest?.product ?? null} />}
              {screen === 'lookup' && <LookupScreen key={visit} api={api} request={lookupRequest} />}
              {screen === 'recall' && <RecallScreen key={visit} api={api} />}
              {screen === 'import' && <ImportScreen key={visit} api={api} />}
              {screen === 'help' && <HelpScreen />}
              {screen === 'settings' &&
                (settings ? (
                  <SettingsScreen
                    key={visit}
                    api={api}
                    settings={settings}
                    onSaved={setSettings}
                  />
                ) : (
                  <p className="loading">{settingsError ?? 'Loading…'}</p>
                ))}
            </>
          )}
          </FocusOnArrival>
        </Suspense>
      </main>
      {helpOpen && <ShortcutsHelp onClose={() => setHelpOpen(false)} />}
    </div>
    </ScannerSettingsProvider>
  );
}

/** What takes Tab in a screen (a tabIndex of -1, a disabled control, a hidden one do not). */
const TAB_STOPS = 'input:not([disabled]):not([type="hidden"]), select:not([disabled]), textarea:not([disabled]), button:not([disabled]), [href], [tabindex]:not([tabindex="-1"])';
/** The placeholder every screen shows while it reads what it shows ("Loading…"): nothing to place the focus on yet. */
const LOADING_PLACEHOLDER = 'p.loading';

/**
 * A screen opened by the menu (Settings, Import…) arrives with the focus nowhere: the control that had
 * it went with the screen left, and keys did nothing until Tab. Its first control takes it then, unless
 * that is a box to type in (a scan made next would be typed into it, a bench name say): then the screen's
 * heading, from which Tab goes on into the screen and a scan is routed as anywhere outside a box.
 * Inside the Suspense boundary, so it runs once a lazy screen is in, after the screen's own effects:
 * a screen that places the focus itself (Help's guide, first run's heading, a search box), or a nav
 * button that kept it, is left as it is. A screen still reading its content (Settings before the
 * bench's settings are in) is placed once the content is in. `visit`: bumped by every navigation (not by
 * a routed scan, whose screen places the focus itself).
 */
function FocusOnArrival({ visit, screenRef, children }: { visit: number; screenRef: RefObject<HTMLElement | null>; children: ReactNode }) {
  useEffect(() => {
    const screen = screenRef.current;
    if (visit === 0 || !screen) return;
    if (placeArrivalFocus(screen)) return;
    // Placed once the content is in: placed only now, the focus stayed nowhere for good.
    const observer = new MutationObserver(() => {
      if (placeArrivalFocus(screen)) observer.disconnect();
    });
    observer.observe(screen, { childList: true, subtree: true });
    return () => observer.disconnect();
  }, [visit, screenRef]);
  return children;
}

/** FocusOnArrival's placing; false while the screen shows only that it is loading (nothing placed yet). */
function placeArrivalFocus(screen: HTMLElement): boolean {
  const nowhere = document.activeElement === null || document.activeElement === document.body;
  if (!nowhere) return true;
  const first = [...screen.querySelectorAll<HTMLElement>(TAB_STOPS)].find((element) => element.tabIndex >= 0 && element.getClientRects().length > 0);
  if (first && !isTypingTarget(first)) {
    first.focus();
    return true;
  }
  const heading = screen.querySelector<HTMLElement>('h2');
  if (!heading) {
    if (screen.querySelector(LOADING_PLACEHOLDER)) return false;
    screen.focus();
    return true;
  }
  if (!heading.hasAttribute('tabindex')) heading.tabIndex = -1; // focusable by script only, not a Tab stop
  heading.focus();
  return true;
}
