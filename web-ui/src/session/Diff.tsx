// A line diff with +/- markers (not colour alone) and line numbers of both sides.
import { diffLines } from "diff";
import { useMemo } from "react";

interface Line {
  mark: "+" | "-" | " ";
  text: string;
  old: number | null;
  new: number | null;
}

function lines(before: string, after: string): Line[] {
  const out: Line[] = [];
  let o = 1;
  let n = 1;
  for (const change of diffLines(before, after)) {
    const texts = change.value.replace(/\n$/, "").split("\n");
    for (const text of texts) {
      if (change.added) out.push({ mark: "+", text, old: null, new: n++ });
      else if (change.removed) out.push({ mark: "-", text, old: o++, new: null });
      else out.push({ mark: " ", text, old: o++, new: n++ });
    }
  }
  return out;
}

export function Diff({ before, after, path }: { before: string; after: string; path: string }) {
  const rows = useMemo(() => lines(before, after), [before, after]);
  const added = rows.filter((r) => r.mark === "+").length;
  const removed = rows.filter((r) => r.mark === "-").length;
  return (
    <figure className="diff" aria-label={`Changes to ${path}: ${added} lines added, ${removed} removed`}>
      <figcaption>
        <span className="path">{path}</span> <span className="added">+{added}</span> <span className="removed">−{removed}</span>
      </figcaption>
      <table>
        <tbody>
          {rows.map((r, i) => (
            <tr key={i} className={r.mark === "+" ? "line-added" : r.mark === "-" ? "line-removed" : undefined}>
              <td className="ln">{r.old ?? ""}</td>
              <td className="ln">{r.new ?? ""}</td>
              <td className="mark">{r.mark}</td>
              <td className="text">{r.text}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </figure>
  );
}
