"""MSAL for Python, unchanged, against the simulated cloud (driven by tests/msal.rs).

Acquires an app-only Graph token with MSAL's ConfidentialClientApplication, then pages through
a Graph list endpoint with plain urllib, following @odata.nextLink to the end, and prints one
JSON line: {"token_type", "items", "pages", "ids"}.

Input, from the environment:
  SIM_AUTHORITY        https://127.0.0.1:PORT/<tenant id>
  SIM_DISCOVERY        the simulator's instance discovery endpoint (see tests/msal.rs)
  SIM_CLIENT_ID        the app registration's client id
  SIM_CREDENTIAL       "secret", "thumbprint" (RS256 + x5t) or "certificate" (PS256 + x5t#S256)
  SIM_CLIENT_SECRET    for "secret"
  SIM_CERTIFICATE      PEM file of the certificate, for "thumbprint" and "certificate"
  SIM_PRIVATE_KEY      PEM file of its private key, for "thumbprint" and "certificate"
  SIM_LIST_URL         the first page to read
  REQUESTS_CA_BUNDLE   the simulator's CA: MSAL's HTTP client (requests) trusts it from here,
                       and this script's urllib is given the same file
"""

import hashlib
import json
import os
import ssl
import sys
import urllib.request

import msal


def credential():
    kind = os.environ["SIM_CREDENTIAL"]
    if kind == "secret":
        return os.environ["SIM_CLIENT_SECRET"]
    with open(os.environ["SIM_PRIVATE_KEY"]) as f:
        private_key = f.read()
    with open(os.environ["SIM_CERTIFICATE"]) as f:
        certificate = f.read()
    if kind == "thumbprint":
        # The SHA-1 thumbprint as the portal shows it; MSAL then signs RS256 with header x5t.
        der = ssl.PEM_cert_to_DER_cert(certificate)
        return {"private_key": private_key, "thumbprint": hashlib.sha1(der).hexdigest()}
    if kind == "certificate":
        # MSAL computes the thumbprints itself and signs PS256 with header x5t#S256 (and x5c).
        return {"private_key": private_key, "public_certificate": certificate}
    raise SystemExit(f"unknown SIM_CREDENTIAL {kind!r}")


def main():
    app = msal.ConfidentialClientApplication(
        os.environ["SIM_CLIENT_ID"],
        client_credential=credential(),
        authority=os.environ["SIM_AUTHORITY"],
        instance_discovery=os.environ["SIM_DISCOVERY"],
    )
    result = app.acquire_token_for_client(scopes=["https://graph.microsoft.com/.default"])
    if "access_token" not in result:
        print(json.dumps({"error": result.get("error"),
                          "error_description": result.get("error_description")}))
        return 1

    # Strict certificate checks, as Python 3.13 makes them by default.
    context = ssl.create_default_context(cafile=os.environ["REQUESTS_CA_BUNDLE"])
    context.verify_flags |= ssl.VERIFY_X509_STRICT
    opener = urllib.request.build_opener(
        urllib.request.ProxyHandler({}), urllib.request.HTTPSHandler(context=context))
    url, pages, ids = os.environ["SIM_LIST_URL"], 0, []
    while url:
        request = urllib.request.Request(
            url, headers={"Authorization": "Bearer " + result["access_token"]})
        with opener.open(request, timeout=30) as response:
            page = json.load(response)
        pages += 1
        ids.extend(item["id"] for item in page["value"])
        url = page.get("@odata.nextLink")
    print(json.dumps({"token_type": result["token_type"], "items": len(ids), "pages": pages,
                      "ids": ids}))
    return 0


if __name__ == "__main__":
    sys.exit(main())
