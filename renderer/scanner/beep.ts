/**
 * A short audible "no" for refused scans: packers often look at the product, not the screen.
 * Generated with WebAudio, so it needs no media file and fits the 'self'-only content policy.
 */
let context: AudioContext | null = null;

export function beepRefusal(): void {
  try {
    context ??= new AudioContext();
    if (context.state === 'suspended') void context.resume();
    const oscillator = context.createOscillator();
    const gain = context.createGain();
    oscillator.type = 'square';
    oscillator.frequency.value = 440;
    gain.gain.value = 0.15;
    oscillator.connect(gain).connect(context.destination);
    const now = context.currentTime;
    oscillator.start(now);
    oscillator.stop(now + 0.18);
  } catch {
    // No audio device (or no WebAudio): the visible message still tells the packer.
  }
}
