// SupportBee GET /teams: all teams, only teams with users, only the caller's teams.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { TestApp, WorkspaceFixture } from '../helpers/app.js';
import { client, supportBeeApp, type Client } from './client.js';

let t: TestApp;
let ws: WorkspaceFixture;
let agent: Client;
let admin: Client;
const team: Record<string, number> = {};
beforeAll(async () => {
  ({ t, ws, agent, admin } = await supportBeeApp());
  for (const name of ['Team 1', 'Team 2', 'Empty']) team[name] = (await t.admin('POST', '/teams', { name }, 'acme')).body.team.id;
  await t.admin('POST', `/teams/${team['Team 1']}/members`, { userId: ws.agent.id }, 'acme');
  await t.admin('POST', `/teams/${team['Team 2']}/members`, { userId: ws.admin.id }, 'acme');
  const other = await t.workspace('other');
  await t.admin('POST', '/teams', { name: 'Foreign' }, other.slug);
});
afterAll(() => t.close());

const teamNames = (body: { teams: { name: string }[] }) => body.teams.map((x) => x.name);

describe('GET /teams', () => {
  it('lists the company’s teams in the seed’s shape', async () => {
    const res = await agent('GET', '/teams');
    expect(res.status).toBe(200);
    expect(teamNames(res.body)).toEqual(['Team 1', 'Team 2', 'Empty']);
    expect(res.body.teams[0]).toEqual({
      id: team['Team 1'],
      name: 'Team 1',
      picture: { thumb20: expect.any(String), thumb24: expect.any(String), thumb32: expect.any(String), thumb48: expect.any(String), thumb64: expect.any(String) },
    });
  });

  it('with_users=true: only teams with users in them', async () => {
    expect(teamNames((await agent('GET', '/teams?with_users=true')).body)).toEqual(['Team 1', 'Team 2']);
    expect(teamNames((await agent('GET', '/teams?with_users=false')).body)).toEqual(['Team 1', 'Team 2', 'Empty']);
  });

  it('user=me: only the caller’s teams; other values are ignored', async () => {
    expect(teamNames((await agent('GET', '/teams?user=me')).body)).toEqual(['Team 1']);
    expect(teamNames((await admin('GET', '/teams?user=me&with_users=true')).body)).toEqual(['Team 2']);
    expect(teamNames((await agent('GET', '/teams?user=someone')).body)).toEqual(['Team 1', 'Team 2', 'Empty']);
  });

  it('400 on a bad boolean, 403 without a token', async () => {
    expect((await agent('GET', '/teams?with_users=maybe')).status).toBe(400);
    expect((await client(t)('GET', '/teams')).status).toBe(403);
  });
});
