"""Writes a schemathesis configuration that points every path parameter of Relief's API at a record of the demo
practice, so generated requests reach each operation's own checks instead of stopping at 404.

Usage: api_conformance.py BASE_URL TOKEN OUT.toml
"""
import json
import sys
import urllib.request

base, token, out = sys.argv[1].rstrip("/"), sys.argv[2], sys.argv[3]


def get(path):
    request = urllib.request.Request(base + "/api/v1" + path, headers={"Authorization": "Bearer " + token})
    with urllib.request.urlopen(request) as answer:
        return json.load(answer)


# Per collection: the JSON key of its list and the path parameter naming one of its records.
collections = {
    "medications": ("entries", "entry"),
    "allergies": ("entries", "entry"),
    "prior-treatments": ("entries", "entry"),
    "diagnoses": ("entries", "entry"),
    "evaluations": ("evaluations", "evaluation"),
    "questionnaire-responses": ("responses", "response"),
    "workup-orders": ("orders", "order"),
    "appointments": ("appointments", "appointment"),
}
def candidates():
    """The recently registered, then patients found by the first letter of their family name."""
    seen = set()
    for query in [""] + [chr(letter) for letter in range(ord("a"), ord("z") + 1)]:
        for patient in get("/patients" + (f"?q={query}" if query else ""))["patients"]:
            if patient["id"] not in seen:
                seen.add(patient["id"])
                yield patient


chosen, alert = {}, None
for patient in candidates():
    found = {name: get(f"/patients/{patient['id']}/{name}").get(key, []) for name, (key, _) in collections.items()}
    if all(found.values()):
        chosen = {name: records[0]["id"] for name, records in found.items()}
        patient_id = patient["id"]
        open_alerts = get(f"/patients/{patient_id}/alerts").get("open", [])
        alert = open_alerts[0]["id"] if open_alerts else None
        break
if not chosen:
    sys.exit("no demo patient holds a record of every kind")

lines = [f'[parameters]\n"path.id" = "{patient_id}"\n']
for name, (_, parameter) in collections.items():
    lines.append(f'[[operations]]\ninclude-path-regex = "/{name}/"\nparameters = {{ "path.{parameter}" = "{chosen[name]}" }}\n')
if alert:
    lines.append(f'[[operations]]\ninclude-path-regex = "/alerts/"\nparameters = {{ "path.alert" = "{alert}" }}\n')
with open(out, "w") as config:
    config.write("\n".join(lines))
