/**
 * Says a run is stopping: Stop takes effect once the batches already sent to the device are
 * done (up to MAX_LAG_MS in the kernel, seconds on software WebGL). The live region is always
 * there, empty until then, so that a screen reader announces the text when it appears.
 */
export function StoppingStatus({ stopping }: { stopping: boolean }) {
  return (
    <span role="status" className="training-stopping">
      {stopping ? 'Stopping: the batches already sent to the device finish first…' : ''}
    </span>
  );
}
