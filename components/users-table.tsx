import type { UserView } from "@/lib/data/users";
import { splitDateTime } from "./format";
import { UserRow } from "./user-row";

export function UsersTable({ users, actingUserId }: { users: UserView[]; actingUserId: string }) {
  return (
    <div className="table-scroll" tabIndex={0}>
      <table className="users-table">
        <thead>
          <tr>
            <th scope="col">Name</th>
            <th scope="col">E-mail</th>
            <th scope="col">Role</th>
            <th scope="col">Status</th>
            <th scope="col">Created</th>
            <th scope="col">
              <span className="visually-hidden">Actions</span>
            </th>
          </tr>
        </thead>
        <tbody>
          {users.map((user) => (
            // Dates are formatted here, on the server, so the browser renders exactly the same text.
            <UserRow
              key={user.id}
              user={user}
              isSelf={user.id === actingUserId}
              createdAt={splitDateTime(user.createdAt).date}
              signInLockedUntil={user.signInLockedUntil ? splitDateTime(user.signInLockedUntil).time : null}
            />
          ))}
        </tbody>
      </table>
    </div>
  );
}
