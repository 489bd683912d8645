// The maintenance page a tenant in `maintenance` shows on every host: static HTML and the nginx
// configuration that answers every path with it, status 503 and Retry-After.

const escapeHtml = (s: string) => s.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);

export function maintenanceHtml(site: { platformName: string; contactEmail: string; language: string }): string {
  const name = escapeHtml(site.platformName);
  const email = escapeHtml(site.contactEmail);
  return `<!doctype html>
<html lang="${escapeHtml(site.language)}">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>${name}: down for maintenance</title>
<style>body{font-family:system-ui,sans-serif;max-width:36rem;margin:15vh auto;padding:0 1rem;color:#222}h1{font-size:1.6rem}</style>
</head>
<body>
<h1>${name} is down for maintenance</h1>
<p>We are working on the site and will be back soon. Your courses and progress are kept.</p>
<p>Questions: <a href="mailto:${email}">${email}</a></p>
</body>
</html>
`;
}

/** Every path answers 503 with the page; /healthz answers 200 for the probes. */
export function maintenanceNginxConf(port: number): string {
  return `server {
    listen ${port};
    server_tokens off;
    root /usr/share/nginx/html;
    location = /healthz {
        access_log off;
        default_type text/plain;
        return 200 "ok\\n";
    }
    location / {
        return 503;
    }
    error_page 503 /maintenance.html;
    location = /maintenance.html {
        internal;
        add_header Retry-After 3600 always;
        add_header Cache-Control "no-store" always;
    }
}
`;
}
