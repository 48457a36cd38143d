// A tool call as one compact row that expands to its input and output: commands with their output,
// edits and writes as diffs, reads and searches with what they found.
import type { ToolCallView } from "../timeline/items";
import { Diff } from "./Diff";

const str = (v: unknown) => (typeof v === "string" ? v : "");

function summary(call: ToolCallView): string {
  const i = call.input;
  switch (call.tool) {
    case "bash":
      return `$ ${str(i.command)}`;
    case "edit":
    case "write":
    case "read":
      return str(i.filePath) || call.title || "";
    case "grep":
    case "glob":
      return `${str(i.pattern)}${str(i.path) ? ` in ${str(i.path)}` : ""}`;
    case "webfetch":
      return str(i.url);
    case "task":
      return str(i.description);
    default:
      return call.title ?? "";
  }
}

const verbs: Record<string, string> = {
  bash: "Ran",
  edit: "Edited",
  write: "Wrote",
  read: "Read",
  grep: "Searched",
  glob: "Listed",
  webfetch: "Fetched",
  todowrite: "Planned",
  task: "Delegated",
};

function Status({ call }: { call: ToolCallView }) {
  if (call.status === "pending" || call.status === "running")
    return (
      <span className="tool-status running">
        <span className="spinner" aria-hidden="true" /> running
      </span>
    );
  if (call.status === "error") return <span className="tool-status failed">✗ failed</span>;
  return <span className="tool-status done">✓</span>;
}

export function ToolRow({ call }: { call: ToolCallView }) {
  const i = call.input;
  return (
    <details className={`tool tool-${call.status}`} data-tool={call.tool}>
      <summary>
        <span className="tool-name">{verbs[call.tool] ?? call.tool}</span>
        <code className="tool-summary">{summary(call)}</code>
        <Status call={call} />
      </summary>
      <div className="tool-body">
        {call.tool === "edit" && <Diff path={str(i.filePath)} before={str(i.oldString)} after={str(i.newString)} />}
        {call.tool === "write" && <Diff path={str(i.filePath)} before="" after={str(i.content)} />}
        {call.tool !== "edit" && call.tool !== "write" && (
          <>
            <h4>Input</h4>
            <pre className="io">{call.tool === "bash" ? str(i.command) : JSON.stringify(i, null, 2)}</pre>
          </>
        )}
        {call.error && (
          <p className="error" role="note">
            Error: {call.error}
          </p>
        )}
        {call.output && (
          <>
            <h4>Output</h4>
            <pre className="io">{call.output}</pre>
            {call.outputTruncated && <p className="muted">The output was cut short; the full output stayed in the sandbox.</p>}
          </>
        )}
      </div>
    </details>
  );
}
