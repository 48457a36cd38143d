import { useMe } from "../app/me";
import { Models, Users } from "./Admin";
import { Bots } from "./Bots";
import { Preferences } from "./Preferences";
import { Tokens } from "./Tokens";

export default function Settings() {
  const me = useMe();
  return (
    <div className="settings">
      <h1>Settings</h1>
      <Preferences />
      <Tokens />
      {me.role === "admin" && (
        <>
          <Users />
          <Bots />
          <Models />
        </>
      )}
    </div>
  );
}
