// A prompt in the timeline: its author, model and words, where it came from when a bot relayed it
// ("from Slack", linked back when the link is http(s)) and the context given beside it, collapsed.
// Source, link and context come from outside (a Slack thread, an issue): all of it is plain text.
import type { ContextBlock } from "../api/types";
import { Avatar } from "../app/Avatar";
import type { Item } from "../timeline/items";
import { safeLink, sourceLabel } from "../timeline/source";

type UserItem = Extract<Item, { kind: "user" }>;

function Source({ source, url }: { source: string | null; url: string | null }) {
  const label = sourceLabel(source);
  if (!label) return null;
  const href = safeLink(url);
  return (
    <span className="muted source" data-source={source ?? undefined}>
      from{" "}
      {href ? (
        <a href={href} target="_blank" rel="noopener noreferrer">
          {label}
        </a>
      ) : (
        label
      )}
    </span>
  );
}

function Context({ blocks }: { blocks: ContextBlock[] }) {
  if (blocks.length === 0) return null;
  return (
    <ul className="context-blocks" aria-label="Context given with the prompt">
      {blocks.map((b, i) => (
        <li key={i}>
          <details>
            <summary>
              {b.title}
              {!b.trusted && <span className="badge badge-untrusted">untrusted</span>}
            </summary>
            <pre className="context-content">{b.content}</pre>
          </details>
        </li>
      ))}
    </ul>
  );
}

export function UserMessage({ item }: { item: UserItem }) {
  return (
    <article className="user-message" data-prompt={item.promptId} aria-label={`Prompt by ${item.author.name}`}>
      <header>
        <Avatar id={item.author.id} name={item.author.name} />
        <span className="author">{item.author.name}</span>
        <Source source={item.source} url={item.sourceUrl} />
        {item.model && <span className="muted model">{item.model}</span>}
      </header>
      <p className="content">{item.content}</p>
      <Context blocks={item.context} />
    </article>
  );
}
