import type { Metadata } from "next";
import { NewUserForm } from "@/components/new-user-form";
import { UsersTable } from "@/components/users-table";
import { hasPermission } from "@/lib/auth/permissions";
import { requirePageUser } from "@/lib/auth/session";
import { ListControls, ListPager } from "@/components/lists/list-controls";
import { listUsersPage } from "@/lib/data/users";
import { loadListPage, sortChoices } from "@/lib/lists/page";
import { choicesOf } from "@/lib/choices";
import { userListDefinition } from "@/lib/users/list";
import { roleLabels } from "@/lib/users/schemas";
import { ListResults } from "@/components/lists/list-results";

export const metadata: Metadata = { title: "Users" };
export const dynamic = "force-dynamic";

type SearchParams = Promise<Record<string, string | string[] | undefined>>;

export default async function UsersPage({ searchParams }: { searchParams: SearchParams }) {
  const params = await searchParams;
  const user = await requirePageUser("/admin/users");
  if (!hasPermission(user, "administer")) {
    return (
      <main className="page">
        <h1 className="page__title">Users</h1>
        <div className="empty-state">Only administrators can manage users.</div>
      </main>
    );
  }
  const list = await loadListPage(userListDefinition, params, "/admin/users", (query) => listUsersPage(user, query));
  const users = list.page?.rows ?? [];

  return (
    <main className="page">
      <h1 className="page__title">Users</h1>
      <p className="page__lede">
        Who can use Stancewatch, and what they may do: viewers read, analysts also code and edit, administrators also manage users and
        restore history. A change takes effect on the person’s next page load.
      </p>
      <div className="stack">
        <ListControls
          id="users"
          action="/admin/users"
          values={list.values}
          fields={[
            {
              kind: "select",
              parameter: "role",
              label: "Role",
              options: choicesOf(roleLabels),
            },
            {
              kind: "select",
              parameter: "status",
              label: "Status",
              options: [
                { value: "active", label: "Active" },
                { value: "disabled", label: "Disabled" },
              ],
            },
          ]}
          sortOptions={sortChoices(userListDefinition)}
          sort={list.sort}
          pageSize={list.pageSize}
        />
        <ListResults
          problem={list.problem}
          rows={list.page?.rows}
          id="users"
          heading={list.filtered ? "Matching accounts" : "Accounts"}
          meta="Disabled accounts cannot sign in; their codings and history stay. Times are in UTC."
          empty={list.filtered ? "No accounts match these filters." : "No accounts yet."}
          emptyIn="card"
          pager={
            <ListPager
              shown={`${users.length} account${users.length === 1 ? "" : "s"} on this page`}
              firstHref={list.firstHref}
              nextHref={list.nextHref}
            />
          }
          pagerWhenEmpty
        >
          <UsersTable users={users} actingUserId={user.id} sortLinks={list.sortLinks} />
        </ListResults>
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
