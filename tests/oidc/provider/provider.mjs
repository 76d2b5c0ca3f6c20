// A real OpenID Connect provider (the certified oidc-provider package) for Vangnet's
// single sign-on tests, on 127.0.0.1 only. Never for production.
//
// Environment: PORT (required), CLIENT_ID, CLIENT_SECRET, REDIRECT_URIS and
// POST_LOGOUT_REDIRECT_URIS (comma separated; loopback URIs match on any port).
//
// The login page (/interaction/<uid>) asks for an e-mail address and, for the tests,
// which acr and amr the login should carry; every address is an account of the
// municipality (sub = the address). POST /_test/next-id-token {"audience": "x"} or
// {"expiredSecondsAgo": 600} makes the next ID token this provider signs carry
// another audience or an expiry in the past: a real, validly signed token that the
// relying party must refuse.
import { randomUUID, generateKeyPairSync } from 'node:crypto';
import http from 'node:http';

import Provider from 'oidc-provider';

const port = Number(process.env.PORT);
if (!port) {
  console.error('PORT is required');
  process.exit(2);
}
const issuer = `http://127.0.0.1:${port}`;
const list = (value, fallback) => (value || fallback).split(',').filter(Boolean);

const { privateKey } = generateKeyPairSync('rsa', { modulusLength: 2048 });
const signingKey = { ...privateKey.export({ format: 'jwk' }), kid: randomUUID(), alg: 'RS256', use: 'sig' };

const scopeClaims = {
  openid: ['sub'],
  email: ['email', 'email_verified'],
  profile: ['preferred_username', 'name'],
};

const configuration = {
  clients: [
    {
      client_id: process.env.CLIENT_ID || 'vangnet',
      client_secret: process.env.CLIENT_SECRET || 'geheim',
      redirect_uris: list(process.env.REDIRECT_URIS, 'http://127.0.0.1/accounts/sso/terug/'),
      post_logout_redirect_uris: list(process.env.POST_LOGOUT_REDIRECT_URIS, 'http://127.0.0.1/accounts/inloggen/'),
      grant_types: ['authorization_code'],
      response_types: ['code'],
      token_endpoint_auth_method: 'client_secret_post',
    },
  ],
  jwks: { keys: [signingKey] },
  acrValues: ['urn:gemeente:loa:laag', 'urn:gemeente:loa:substantieel'],
  claims: { acr: null, amr: null, auth_time: null, iss: null, sid: null, ...scopeClaims },
  cookies: { keys: [randomUUID()] },
  features: {
    claimsParameter: { enabled: true },
    devInteractions: { enabled: false },
    rpInitiatedLogout: {
      enabled: true,
      async logoutSource(ctx, form) {
        ctx.body = `<!doctype html><html lang="nl"><head><meta charset="utf-8"><title>Gemeente: uitloggen</title></head>
<body><main><h1>Uitloggen bij de gemeente?</h1>${form}
<button type="submit" form="op.logoutForm" name="logout" value="yes">Ja, uitloggen</button>
<button type="submit" form="op.logoutForm">Nee, ingelogd blijven</button></main></body></html>`;
      },
    },
  },
  pkce: { required: () => false },
  interactions: { url: (ctx, interaction) => `/interaction/${interaction.uid}` },
  async findAccount(ctx, id) {
    const local = id.split('@')[0];
    return {
      accountId: id,
      async claims() {
        return { sub: id, email: id, email_verified: true, preferred_username: local, name: local };
      },
    };
  },
  // First-party single sign-on: the municipality's own application asks no consent.
  async loadExistingGrant(ctx) {
    const { client, session } = ctx.oidc;
    const grantId = ctx.oidc.result?.consent?.grantId || session.grantIdFor(client.clientId);
    if (grantId) {
      const existing = await ctx.oidc.provider.Grant.find(grantId);
      if (existing) return existing;
    }
    const grant = new ctx.oidc.provider.Grant({ clientId: client.clientId, accountId: session.accountId });
    grant.addOIDCScope('openid email profile');
    grant.addOIDCClaims(['acr', 'amr', 'auth_time', 'email', 'email_verified', 'preferred_username', 'name']);
    await grant.save();
    return grant;
  },
};

const provider = new Provider(issuer, configuration);

// RFC 8252 lets a loopback redirect URI use any port on 127.0.0.1; the browser tests' live
// server is on localhost, so this test provider treats localhost the same.
for (const method of ['redirectUriAllowed', 'postLogoutRedirectUriAllowed']) {
  const allowed = provider.Client.prototype[method];
  provider.Client.prototype[method] = function allowedOnLoopback(value) {
    return allowed.call(this, value) || allowed.call(this, value.replace(/^http:\/\/localhost:\d+\//, 'http://127.0.0.1/'));
  };
}

let nextIdToken = null;
const issue = provider.IdToken.prototype.issue;
provider.IdToken.prototype.issue = async function issueForTest(options = {}) {
  let opts = options;
  if (opts.use === 'idtoken' && nextIdToken) {
    const mode = nextIdToken;
    nextIdToken = null;
    if (mode.audience) this.client = Object.create(this.client, { clientId: { value: mode.audience } });
    if (mode.expiredSecondsAgo) opts = { ...opts, expiresAt: Math.floor(Date.now() / 1000) - mode.expiredSecondsAgo };
  }
  return issue.call(this, opts);
};

const escape = (text) => String(text).replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);

function body(req) {
  return new Promise((resolve, reject) => {
    let data = '';
    req.on('data', (chunk) => { data += chunk; });
    req.on('end', () => resolve(data));
    req.on('error', reject);
  });
}

function loginPage(uid) {
  return `<!doctype html><html lang="nl"><head><meta charset="utf-8"><title>Gemeente: inloggen</title></head>
<body><main><h1>Inloggen bij de gemeente</h1>
<form method="post" action="/interaction/${escape(uid)}/login">
<p><label for="email">E-mailadres</label> <input id="email" name="email" type="email" required></p>
<p><label for="acr">Niveau (acr)</label> <input id="acr" name="acr" value=""></p>
<p><label for="amr">Methoden (amr, komma's)</label> <input id="amr" name="amr" value=""></p>
<p><button type="submit">Inloggen</button></p>
</form></main></body></html>`;
}

async function interaction(req, res, url) {
  const details = await provider.interactionDetails(req, res);
  const { uid, prompt } = details;
  if (req.method === 'POST' && url.pathname.endsWith('/login')) {
    const form = new URLSearchParams(await body(req));
    const amr = list(form.get('amr'), '');
    const result = {
      login: {
        accountId: form.get('email'),
        ...(form.get('acr') ? { acr: form.get('acr') } : {}),
        ...(amr.length ? { amr } : {}),
      },
    };
    await provider.interactionFinished(req, res, result, { mergeWithLastSubmission: false });
    return;
  }
  if (prompt.name !== 'login') {
    // Consent is never asked (loadExistingGrant); anything else is a test mistake.
    res.writeHead(400, { 'content-type': 'text/plain' });
    res.end(`unexpected prompt ${prompt.name}`);
    return;
  }
  res.writeHead(200, { 'content-type': 'text/html; charset=utf-8' });
  res.end(loginPage(uid));
}

const callback = provider.callback();
const server = http.createServer(async (req, res) => {
  const url = new URL(req.url, issuer);
  try {
    if (url.pathname.startsWith('/interaction/')) {
      await interaction(req, res, url);
    } else if (url.pathname === '/_test/next-id-token' && req.method === 'POST') {
      nextIdToken = JSON.parse((await body(req)) || '{}');
      res.writeHead(204);
      res.end();
    } else {
      callback(req, res);
    }
  } catch (error) {
    res.writeHead(500, { 'content-type': 'text/plain' });
    res.end(String(error));
  }
});
server.listen(port, '127.0.0.1', () => {
  console.log(`oidc-provider listening on ${issuer}`);
});
for (const signal of ['SIGINT', 'SIGTERM']) process.on(signal, () => server.close(() => process.exit(0)));
