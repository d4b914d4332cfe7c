// A strict typed client over the generated types (out/api.d.ts): if the document stops describing what these calls
// need (an operation, a header, a nullable field), this file stops compiling under `tsc --strict`.
import type { components, operations, paths } from "./out/api";

type Json<R> = R extends { content: { "application/json": infer B } } ? B : never;
export type Problem = components["schemas"]["Problem"];
export type ProgrammeView = Json<operations["getProgramme"]["responses"][200]>;
export type CommandAccepted = Json<operations["launchProgramme"]["responses"][201]>;

export class EcosystemClient {
  constructor(private readonly base: string, private readonly apiKey: string) {}

  async launchProgramme(body: operations["launchProgramme"]["requestBody"] extends infer B ? B extends { content: { "application/json": infer J } } ? J : never : never,
    idempotencyKey?: string): Promise<{ accepted: CommandAccepted; etag: string; position: number | null }> {
    const response = await fetch(`${this.base}/api/programmes`, {
      method: "POST",
      headers: { "X-Api-Key": this.apiKey, "Content-Type": "application/json", ...(idempotencyKey ? { "Idempotency-Key": idempotencyKey } : {}) },
      body: JSON.stringify(body),
    });
    if (response.status !== 201) throw await this.problem(response);
    const position = response.headers.get("Ecosystem-Position");
    return { accepted: (await response.json()) as CommandAccepted, etag: response.headers.get("ETag") ?? "", position: position === null ? null : Number(position) };
  }

  async admitApplication(startupId: string, cohortId: string, ifMatch?: string): Promise<Json<operations["admitApplication"]["responses"][200]>> {
    const path: keyof paths = "/api/startups/{id}/applications/{cohortId}/admit";
    const response = await fetch(`${this.base}${path.replace("{id}", startupId).replace("{cohortId}", cohortId)}`, {
      method: "POST",
      headers: { "X-Api-Key": this.apiKey, ...(ifMatch ? { "If-Match": ifMatch } : {}) },
    });
    if (response.status !== 200) throw await this.problem(response);
    return response.json();
  }

  async getProgramme(id: string, position?: number): Promise<ProgrammeView> {
    const query = position === undefined ? "" : `?position=${position}`;
    const response = await fetch(`${this.base}/api/programmes/${id}${query}`, { headers: { "X-Api-Key": this.apiKey } });
    if (response.status !== 200) throw await this.problem(response);
    return response.json();
  }

  private async problem(response: Response): Promise<Error> {
    const problem = (await response.json()) as Problem;
    return new Error(`${problem.status} ${problem.code}: ${problem.detail ?? problem.title}`);
  }
}

// Nullable nested objects must be handled before use: a strict client cannot read eligibility without a check.
export function minimumYears(programme: ProgrammeView): number | null {
  return programme.eligibility === null ? null : programme.eligibility.minYearsStartup;
}
export function demoDays(programme: ProgrammeView): string[] {
  return programme.cohorts.flatMap(c => (c.demoDay === null ? [] : [c.demoDay.on]));
}
