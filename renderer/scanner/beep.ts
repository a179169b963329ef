/**
 * A short audible "no" for refused scans: packers often look at the product, not the screen.
 * Generated with WebAudio, so it needs no media file and fits the 'self'-only content policy.
 *
 * Feedback first, sound after: creating and resuming an AudioContext can take hundreds of
 * milliseconds, so it is done once at start-up and resumed at the session's first key or pointer
 * press (browsers only let audio start after a user gesture), never in a scan's key handler. The
 * tone itself is started after the next frame, so the refusal message is painted first. With no
 * audio device the message is still shown and announced; only the sound is missing.
 *
 * Not on the first paint's path either: the first AudioContext of a browser session blocks the page
 * while the browser starts its audio service (close to a second on a cold start). Start-up only asks
 * for the audio outputs (answered asynchronously, which starts that service off the page's thread)
 * and creates the context once they are known, so the constructor no longer waits.
 */
let context: AudioContext | null = null;
let primed = false;
/** Set once the audio service has been warmed (or cannot be): creating the context is quick then. */
let warm = false;

function audioContext(): AudioContext | null {
  if (context) return context;
  try {
    context = typeof AudioContext === 'function' ? new AudioContext({ latencyHint: 'interactive' }) : null;
  } catch {
    context = null; // no audio device, or audio blocked: the visible message still tells the packer
  }
  return context;
}

function resume(): void {
  const audio = audioContext();
  if (audio && audio.state === 'suspended') void audio.resume().catch(() => {});
}

/** Starts the browser's audio output without blocking the page; resolves once it is up (or absent). */
function warmAudioOutput(): Promise<void> {
  const devices = typeof navigator !== 'undefined' ? navigator.mediaDevices : undefined;
  if (!devices?.enumerateDevices) return Promise.resolve();
  return devices.enumerateDevices().then(
    () => undefined,
    () => undefined,
  );
}

/**
 * Makes the audio ready at start-up, off the first paint's path: the audio output is warmed, then the
 * context created, and resumed at the first user gesture (also one made while warming). Call once.
 */
export function primeRefusalSound(target: Window = window): void {
  if (primed) return;
  primed = true;
  let gestured = false;
  const onGesture = () => {
    gestured = true;
    if (!warm) return; // resumed when warm: the page's activation lasts
    resume();
    if (context?.state === 'running') {
      target.removeEventListener('keydown', onGesture, true);
      target.removeEventListener('pointerdown', onGesture, true);
    }
  };
  target.addEventListener('keydown', onGesture, true);
  target.addEventListener('pointerdown', onGesture, true);
  void warmAudioOutput().then(() => {
    warm = true;
    audioContext();
    buildSilentTone();
    if (gestured) onGesture();
  });
}

/** The beep's nodes, an oscillator through a gain of `volume`, connected to the output (not started). */
function connectTone(audio: AudioContext, volume: number): { oscillator: OscillatorNode; gain: GainNode } {
  const oscillator = audio.createOscillator();
  const gain = audio.createGain();
  oscillator.type = 'square';
  oscillator.frequency.value = 440;
  gain.gain.value = volume;
  oscillator.connect(gain).connect(audio.destination);
  return { oscillator, gain };
}

/**
 * Builds the beep's nodes once, silent and never started, then takes them down: the first oscillator
 * and connection to the output cost the page about 10 ms, paid here rather than after the session's
 * first refusal.
 */
function buildSilentTone(): void {
  try {
    const audio = context;
    if (!audio) return;
    const { oscillator, gain } = connectTone(audio, 0);
    void audio.currentTime;
    oscillator.disconnect();
    gain.disconnect();
  } catch {
    // No audio: nothing to prepare.
  }
}

function playTone(): void {
  try {
    const audio = audioContext();
    if (!audio) return;
    if (audio.state === 'suspended') void audio.resume().catch(() => {});
    const { oscillator } = connectTone(audio, 0.15);
    const now = audio.currentTime;
    oscillator.start(now);
    oscillator.stop(now + 0.18);
  } catch {
    // No audio device (or no WebAudio): the visible message still tells the packer.
  }
}

/** Beeps after the current frame is painted, so the refusal message never waits for the sound. */
export function beepRefusal(): void {
  if (typeof requestAnimationFrame !== 'function' || document.hidden) {
    setTimeout(playTone, 0);
    return;
  }
  requestAnimationFrame(() => setTimeout(playTone, 0));
}
