interface ProgressBarProps {
  /** 0–100, or null while the server is working and no figure is known. */
  percent: number | null;
  label: string;
}

export function ProgressBar({ percent, label }: ProgressBarProps) {
  return (
    <div
      className={`progress${percent === null ? ' progress--busy' : ''}`}
      role="progressbar"
      aria-label={label}
      aria-valuemin={0}
      aria-valuemax={100}
      aria-valuenow={percent ?? undefined}
      aria-valuetext={percent === null ? 'Processing' : `${percent}%`}
    >
      <span className="progress__bar" style={{ width: `${percent ?? 100}%` }} />
    </div>
  );
}
