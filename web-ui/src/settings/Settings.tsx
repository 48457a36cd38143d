import { useMe } from "../app/me";
import { Models, Users } from "./Admin";
import { Tokens } from "./Tokens";

export default function Settings() {
  const me = useMe();
  return (
    <div className="settings">
      <h1>Settings</h1>
      <Tokens />
      {me.role === "admin" && (
        <>
          <Users />
          <Models />
        </>
      )}
    </div>
  );
}
