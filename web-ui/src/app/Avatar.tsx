// A person as initials on a colour derived from their id; the name is always there as text for
// screen readers and as a tooltip, so nothing depends on the colour.

// every colour carries white initials at 4.5:1 or better (WCAG AA)
const palette = ["#3b5bdb", "#0b7285", "#237032", "#a61e4d", "#862e9c", "#b03a0a", "#4a7a0a", "#1864ab"];

function colour(id: string) {
  let h = 0;
  for (const c of id) h = (h * 31 + c.charCodeAt(0)) >>> 0;
  return palette[h % palette.length];
}

function initials(name: string) {
  const words = name.trim().split(/\s+/).filter(Boolean);
  if (words.length === 0) return "?";
  return (words[0][0] + (words.length > 1 ? words[words.length - 1][0] : "")).toUpperCase();
}

export function Avatar({ id, name, size = 28 }: { id: string; name: string; size?: number }) {
  return (
    <span
      className="avatar"
      role="img"
      aria-label={name}
      title={name}
      data-user={name}
      style={{ background: colour(id || name), width: size, height: size, fontSize: size * 0.42 }}
    >
      {initials(name)}
    </span>
  );
}
