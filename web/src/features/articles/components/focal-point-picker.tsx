import { parseImageUrl } from '@inkwell/rules';
import { useId, type KeyboardEvent, type PointerEvent } from 'react';

import type { FocalPoint } from '@/components/ui/cover-image';

interface FocalPointPickerProps {
  /** The cover's stored URL. */
  url: string;
  value: FocalPoint;
  onChange: (point: FocalPoint) => void;
}

/** How far an arrow key moves the point: the step in which covers are cropped (CoverImage). */
const KEY_STEP = 0.05;

const MOVES: Record<string, { dx: number; dy: number }> = {
  ArrowLeft: { dx: -KEY_STEP, dy: 0 },
  ArrowRight: { dx: KEY_STEP, dy: 0 },
  ArrowUp: { dx: 0, dy: -KEY_STEP },
  ArrowDown: { dx: 0, dy: KEY_STEP },
};

/** Within 0..1, to two decimals: finer than any crop, and free of float noise (0.30000000000000004). */
const fraction = (value: number) => Math.round(Math.min(1, Math.max(0, value)) * 100) / 100;

const percent = (value: number) => Math.round(value * 100);

/**
 * The whole cover with a marker on its focal point: a click, a tap or a drag puts the point there,
 * the arrow keys move it. One control with both coordinates in its value, as colour pickers do
 * for their two-dimensional areas: ARIA has no two-dimensional slider.
 */
export function FocalPointPicker({ url, value, onChange }: FocalPointPickerProps) {
  const labelId = useId();
  const hintId = useId();
  const image = parseImageUrl(url);

  function pointAt(event: PointerEvent<HTMLDivElement>) {
    const box = event.currentTarget.getBoundingClientRect();
    if (box.width === 0 || box.height === 0) return;
    onChange({
      x: fraction((event.clientX - box.left) / box.width),
      y: fraction((event.clientY - box.top) / box.height),
    });
  }

  function onKeyDown(event: KeyboardEvent<HTMLDivElement>) {
    const move = MOVES[event.key];
    if (!move) return;
    event.preventDefault();
    onChange({ x: fraction(value.x + move.dx), y: fraction(value.y + move.dy) });
  }

  return (
    <div className="focal-point">
      <p id={labelId} className="field__label">
        Focal point
      </p>
      <div
        className="focal-point__frame"
        role="slider"
        tabIndex={0}
        aria-labelledby={labelId}
        aria-describedby={hintId}
        aria-valuemin={0}
        aria-valuemax={100}
        aria-valuenow={percent(value.x)}
        aria-valuetext={`${percent(value.x)}% from the left, ${percent(value.y)}% from the top`}
        onPointerDown={(event) => {
          event.currentTarget.setPointerCapture?.(event.pointerId);
          pointAt(event);
        }}
        onPointerMove={(event) => {
          if (event.buttons === 1) pointAt(event);
        }}
        onKeyDown={onKeyDown}
      >
        <img
          src={image.src}
          srcSet={image.srcSet}
          sizes={image.srcSet ? '(min-width: 48rem) 24rem, 100vw' : undefined}
          width={image.width}
          height={image.height}
          alt=""
          draggable={false}
        />
        {/* A style is fine here: the editor is never rendered on the server, where the CSP would refuse it. */}
        <span
          className="focal-point__marker"
          style={{ left: `${value.x * 100}%`, top: `${value.y * 100}%` }}
          aria-hidden="true"
        />
      </div>
      <p id={hintId} className="field__hint">
        The part of the picture that stays in view when cards and the article page crop it. Click or tap it, or move the
        marker with the arrow keys.
      </p>
    </div>
  );
}
