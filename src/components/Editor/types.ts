/** The props of the editor panel (index.tsx, the lazy wrapper, and EditorImpl.tsx, which loads Monaco). */
import type { EditorState } from './openFiles';

export interface EditorPanelProps {
  /** The open files and the one shown (openFiles.ts). */
  readonly state: EditorState;
  /** Show another open file. */
  onSelect(path: string): void;
  /** Write the text to the lab; resolves the error to show, or undefined when it was saved. */
  onSave(path: string, text: string): Promise<string | undefined>;
  /** Close a file (after the panel asked about unsaved changes). */
  onClose(path: string): void;
  /** Changes when the keyboard should go to the editor (a file was just opened from this sandbox). */
  readonly focusRequest: number;
  /** Unique on the page: keeps two sandboxes' buffers of the same path apart. */
  readonly instance: string;
}
