/**
 * A revision number that moves exactly when some JSON-able content changes: the ONOS GUI's and
 * the network view's snapshots carry one, so that the page fetches the whole snapshot only when
 * the number moved.
 */
export class ContentRevision {
  private last: string | undefined;
  private revision = 0;

  /** The revision for this content (the same number for as long as the content is the same). */
  of(body: unknown): number {
    const key = JSON.stringify(body);
    if (key !== this.last) {
      this.last = key;
      this.revision++;
    }
    return this.revision;
  }
}
