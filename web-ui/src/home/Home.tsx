import { Composer } from "./Composer";
import { SessionList } from "./SessionList";

export function Home() {
  return (
    <div className="home">
      <Composer />
      <SessionList />
    </div>
  );
}
