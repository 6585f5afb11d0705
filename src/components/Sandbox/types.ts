/** The props of <Sandbox> (index.tsx), shared with the client chunk. */
export interface SandboxProps {
  /** A command to run at the first prompt, shown typed after it. Reset runs it again. */
  readonly command?: string;
  /** Height of the terminal area: a number of pixels or a CSS length. Default 420px. */
  readonly height?: number | string;
  /** Always show the tab list (it also appears by itself once there are two terminals). */
  readonly tabs?: boolean;
  /** Seed of the emulator's random choices (MACs, timing jitter). Default 1. */
  readonly seed?: number;
  /** Names this sandbox (its history in localStorage, data-sandbox on its element). */
  readonly id?: string;
}
