import type { Metadata } from "next";
import { NewUserForm } from "@/components/new-user-form";
import { UsersTable } from "@/components/users-table";
import { hasPermission } from "@/lib/auth/permissions";
import { requirePageUser } from "@/lib/auth/session";
import { listUsers } from "@/lib/data/users";

export const metadata: Metadata = { title: "Users" };
export const dynamic = "force-dynamic";

export default async function UsersPage() {
  const user = await requirePageUser("/admin/users");
  if (!hasPermission(user, "administer")) {
    return (
      <main className="page">
        <h1 className="page__title">Users</h1>
        <div className="empty-state">Only administrators can manage users.</div>
      </main>
    );
  }
  const users = await listUsers(user);

  return (
    <main className="page">
      <h1 className="page__title">Users</h1>
      <p className="page__lede">
        Who can use Stancewatch, and what they may do: viewers read, analysts also code and edit, administrators also manage users and
        restore history. A change takes effect on the person’s next page load.
      </p>
      <div className="stack">
        <section className="card" aria-labelledby="users-heading">
          <h2 className="card__title" id="users-heading">
            {users.length} account{users.length === 1 ? "" : "s"}
          </h2>
          <p className="card__meta">Disabled accounts cannot sign in; their codings and history stay. Times are in UTC.</p>
          {users.length === 0 ? <div className="empty-state">No accounts yet.</div> : <UsersTable users={users} actingUserId={user.id} />}
        </section>
        <section className="card" aria-labelledby="new-user-heading">
          <h2 className="card__title" id="new-user-heading">
            New user
          </h2>
          <p className="card__meta">Stancewatch sends no e-mail: you pass the one-time password on yourself.</p>
          <NewUserForm />
        </section>
      </div>
    </main>
  );
}
