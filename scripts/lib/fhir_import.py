"""Posts every Synthea bundle in a directory to Relief's FHIR endpoint as a batch (with a physician's token), and checks that
no entry was refused: each is created, found again, merged, or (a type Relief does not import) skipped with a warning.
Prints the counts; exits 1 on any refusal.

    python scripts/lib/fhir_import.py BASE_URL TOKEN DIRECTORY
"""
import collections
import json
import os
import sys
import urllib.error
import urllib.request


def post(base, token, bundle):
    request = urllib.request.Request(base + "/fhir/R4", data=json.dumps(bundle).encode(), method="POST",
                                     headers={"Authorization": "Bearer " + token, "Content-Type": "application/fhir+json",
                                              "Accept": "application/fhir+json"})
    with urllib.request.urlopen(request) as response:
        return json.load(response)


def main():
    base, token, directory = sys.argv[1], sys.argv[2], sys.argv[3]
    counts, refused = collections.Counter(), []
    files = sorted(name for name in os.listdir(directory) if name.endswith(".json"))
    for name in files:
        with open(os.path.join(directory, name)) as handle:
            bundle = json.load(handle)
        bundle["type"] = "batch"  # Synthea writes transactions; a batch keeps what Relief imports and answers the rest
        try:
            answer = post(base, token, bundle)
        except urllib.error.HTTPError as error:
            print(f"{name}: {error.code} {error.read()[:300]!r}")
            return 1
        for sent, entry in zip(bundle["entry"], answer["entry"]):
            status = entry["response"]["status"]
            counts[(sent["resource"]["resourceType"], status)] += 1
            issues = entry["response"].get("outcome", {}).get("issue", [])
            if any(issue["severity"] == "error" for issue in issues):
                refused.append(f"{name} {sent.get('fullUrl')}: {issues}")
    for (kind, status), count in sorted(counts.items()):
        print(f"import: {kind} {status}: {count}")
    for line in refused[:10]:
        print("refused:", line[:400])
    print(f"imported {len(files)} bundles: {len(refused)} refused")
    return 1 if refused else 0


if __name__ == "__main__":
    sys.exit(main())
