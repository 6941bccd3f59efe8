interface AvatarProps {
  src: string;
  username: string;
  size?: 'sm' | 'md' | 'lg';
}

const PIXELS = { sm: 28, md: 40, lg: 96 } as const;

/**
 * A profile picture; decorative next to the name it accompanies, so its alt text is empty. Never
 * the largest paint, so it is fetched after the images that are.
 */
export function Avatar({ src, username, size = 'md' }: AvatarProps) {
  const px = PIXELS[size];
  return (
    <span className={`avatar avatar--${size}`} data-initial={username.charAt(0).toUpperCase()}>
      {src ? <img src={src} alt="" width={px} height={px} loading="lazy" fetchPriority="low" decoding="async" /> : null}
    </span>
  );
}
