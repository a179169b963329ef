/**
 * A short audible "no" for refused scans: packers often look at the product, not the screen.
 * Generated with WebAudio, so it needs no media file and fits the 'self'-only content policy.
 *
 * Feedback first, sound after: creating and resuming an AudioContext can take hundreds of
 * milliseconds, so it is done once at start-up and resumed at the session's first key or pointer
 * press (browsers only let audio start after a user gesture), never in a scan's key handler. The
 * tone itself is started after the next frame, so the refusal message is painted first. With no
 * audio device the message is still shown and announced; only the sound is missing.
 */
let context: AudioContext | null = null;
let primed = false;

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

/** Creates the audio context now and resumes it at the first user gesture; call once at start-up. */
export function primeRefusalSound(target: Window = window): void {
  if (primed) return;
  primed = true;
  audioContext();
  const onGesture = () => {
    resume();
    if (context?.state === 'running') {
      target.removeEventListener('keydown', onGesture, true);
      target.removeEventListener('pointerdown', onGesture, true);
    }
  };
  target.addEventListener('keydown', onGesture, true);
  target.addEventListener('pointerdown', onGesture, true);
}

function playTone(): void {
  try {
    const audio = audioContext();
    if (!audio) return;
    if (audio.state === 'suspended') void audio.resume().catch(() => {});
    const oscillator = audio.createOscillator();
    const gain = audio.createGain();
    oscillator.type = 'square';
    oscillator.frequency.value = 440;
    gain.gain.value = 0.15;
    oscillator.connect(gain).connect(audio.destination);
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
