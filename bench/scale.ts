// npm run bench -- --scale: filled in below.
export async function runScale(_adminUrl: string, log: (s: string) => void): Promise<void> {
  log('not yet');
}
