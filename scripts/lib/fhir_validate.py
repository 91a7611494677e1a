"""Reads every resource Relief's FHIR endpoint serves for the demo practice (each patient's $everything) and validates each with the R4B models of
fhir.resources and, when the R4 JSON schema is at hand, with jsonschema. Prints the counts; exits 1 on any error.

    python scripts/lib/fhir_validate.py BASE_URL TOKEN [SCHEMA_PATH]
"""
import json
import os
import sys
import time
import urllib.request

from fhir.resources.R4B import get_fhir_model_class


def fetch(url, token):
    request = urllib.request.Request(url, headers={"Authorization": "Bearer " + token, "Accept": "application/fhir+json"})
    with urllib.request.urlopen(request) as response:
        assert response.headers["Content-Type"].startswith("application/fhir+json"), response.headers["Content-Type"]
        return json.load(response)


def bulk_export(base, validate, served):
    """A system-level Bulk Data export (with a physician's token in EXPORT_TOKEN): every line of every file validates,
    and each type's count equals what the API served. Returns the number of errors."""
    token = os.environ.get("EXPORT_TOKEN")
    if not token:
        print("EXPORT_TOKEN not set: Bulk export not checked")
        return 0
    kick_off = urllib.request.Request(base + "/fhir/R4/$export", headers={"Authorization": "Bearer " + token, "Accept": "application/fhir+json",
                                                                            "Prefer": "respond-async"})
    with urllib.request.urlopen(kick_off) as response:
        assert response.status == 202, response.status
        status_url = response.headers["Content-Location"]
    for _ in range(600):
        with urllib.request.urlopen(urllib.request.Request(status_url, headers={"Authorization": "Bearer " + token})) as response:
            if response.status == 200:
                manifest = json.load(response)
                break
        time.sleep(0.2)
    else:
        print("the export did not finish in two minutes")
        return 1
    errors = 0
    expected = {}
    for resource in served:
        if resource["resourceType"] not in ("Bundle", "CapabilityStatement"):
            expected[resource["resourceType"]] = expected.get(resource["resourceType"], 0) + 1
    lines = 0
    for output in manifest["output"]:
        with urllib.request.urlopen(urllib.request.Request(output["url"], headers={"Authorization": "Bearer " + token})) as response:
            rows = [json.loads(line) for line in response.read().decode().splitlines()]
        lines += len(rows)
        for row in rows:
            try:
                validate(row)
            except Exception as error:  # reported, then counted
                errors += 1
                if errors <= 5:
                    print(f"export: {row.get('resourceType')}/{row.get('id')}: {str(error)[:300]}")
        if len(rows) != output["count"] or (output["type"] in expected and len(rows) != expected[output["type"]]):
            errors += 1
            print(f"export: {output['type']}: {len(rows)} lines, manifest {output['count']}, served {expected.get(output['type'])}")
    print(f"bulk export: {len(manifest['output'])} files, {lines} resources: {errors} errors")
    return errors


def main():
    base, token = sys.argv[1], sys.argv[2]
    validators = [("fhir.resources R4B", lambda resource: get_fhir_model_class(resource["resourceType"]).model_validate(resource))]
    if len(sys.argv) > 3:
        import jsonschema
        with open(sys.argv[3]) as file:
            schema = json.load(file)
        # This copy of the schema is R4's first release (4.0.0): its list of FHIR versions stops there. Relief serves
        # 4.0.1, R4's technical correction, and says so in its CapabilityStatement; nothing else is loosened.
        versions = schema["definitions"]["CapabilityStatement"]["properties"]["fhirVersion"]
        if "enum" in versions and "4.0.1" not in versions["enum"]:
            versions["enum"].append("4.0.1")
        checker = jsonschema.Draft6Validator(schema)
        validators.append(("R4 JSON schema", checker.validate))
    else:
        print("R4 JSON schema not found: validating with fhir.resources only")
    resources = [fetch(base + "/fhir/R4/metadata", token)]
    url = base + "/fhir/R4/Patient?_count=200"
    pages = 0
    while url:
        bundle = fetch(url, token)
        resources.append(bundle)
        resources += [entry["resource"] for entry in bundle.get("entry", [])]
        url = next((link["url"] for link in bundle.get("link", []) if link["relation"] == "next"), None)
        pages += 1
    patients = [resource["id"] for resource in resources if resource["resourceType"] == "Patient"]
    for patient in patients:
        everything = fetch(f"{base}/fhir/R4/Patient/{patient}/$everything", token)
        if patient == patients[0]:  # one $everything bundle as a whole; the rest by their resources (each bundle's validation repeats them)
            resources.append(everything)
        resources += [entry["resource"] for entry in everything["entry"] if entry["resource"]["resourceType"] != "Patient"]
    # One search bundle of each clinical type, with the patient included, is valid too.
    for kind in sorted({resource["resourceType"] for resource in resources} - {"Patient", "Bundle", "CapabilityStatement"}):
        resources.append(fetch(f"{base}/fhir/R4/{kind}?patient={patients[0]}&_include={kind}:patient", token))
    # The practice's own: who it is, its staff, rooms, cohorts and questionnaires.
    for kind in ("Organization", "Practitioner", "Location", "Group", "Questionnaire"):
        bundle = fetch(f"{base}/fhir/R4/{kind}?_count=200", token)
        resources.append(bundle)
        resources += [entry["resource"] for entry in bundle.get("entry", [])]
    # The audit trail, read by an auditor (AUDIT_TOKEN): one page of it.
    if os.environ.get("AUDIT_TOKEN"):
        bundle = fetch(f"{base}/fhir/R4/AuditEvent?_count=200", os.environ["AUDIT_TOKEN"])
        resources.append(bundle)
        resources += [entry["resource"] for entry in bundle.get("entry", [])]
    errors = 0
    for resource in resources:
        for name, validate in validators:
            try:
                validate(resource)
            except Exception as error:  # every failure is reported, then counted
                errors += 1
                if errors <= 10:
                    print(f"{name}: {resource.get('resourceType')}/{resource.get('id', '')}: {str(error)[:400]}")
    # Every reference names a resource served: none dangles.
    served = {f"{resource['resourceType']}/{resource.get('id')}" for resource in resources}

    def references(value):
        if isinstance(value, dict):
            for key, item in value.items():
                if key == "reference" and isinstance(item, str):
                    yield item
                else:
                    yield from references(item)
        elif isinstance(value, list):
            for item in value:
                yield from references(item)

    dangling = sorted({reference for resource in resources if resource["resourceType"] != "Bundle" for reference in references(resource)} - served)
    print(f"{sum(1 for resource in resources if resource['resourceType'] != 'Bundle' for _ in references(resource))} references, {len(dangling)} dangling")
    for reference in dangling[:10]:
        print(f"dangling reference: {reference}")
    errors += len(dangling)
    errors += bulk_export(base, validators[0][1], resources)
    kinds = {}
    for resource in resources:
        kinds[resource["resourceType"]] = kinds.get(resource["resourceType"], 0) + 1
    print(f"validated {len(resources)} resources ({', '.join(f'{count} {kind}' for kind, count in sorted(kinds.items()))}) "
          f"from {pages} search pages with {len(validators)} validators: {errors} errors")
    sys.exit(1 if errors else 0)


main()
