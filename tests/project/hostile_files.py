"""Malformed and malicious files, built from the app's own template so that only the attack
differs from what a focal point would upload."""

import io
import zipfile

from django.core.files.uploadedfile import SimpleUploadedFile
from openpyxl import load_workbook

from reporting.spreadsheet_template import template_workbook

ACTIVITIES_SHEET = "xl/worksheets/sheet3.xml"  # instructions, values, activities, lists, meta
# instructions, lists, plan, countries, regions, institutions, sub-units, areas, goals, lines,
# activities, indicators...
PLAN_INDICATORS_SHEET = "xl/worksheets/sheet12.xml"

XXE = (
    '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n'
    '<!DOCTYPE foo [<!ENTITY xxe SYSTEM "file:///etc/passwd">]>\n'
)
LAUGHS = (
    '<?xml version="1.0"?>\n<!DOCTYPE lolz [<!ENTITY lol "lol">'
    + "".join(f'<!ENTITY lol{i} "{("&lol" + str(i - 1) + ";") * 10}">' for i in range(1, 10))
    + "]>\n"
).replace("&lol0;", "&lol;")


def upload(name, content):
    return SimpleUploadedFile(name, content)


def rezip(content, replace=None, add=None):
    """The same archive with some parts replaced (name -> function of the old bytes) or added."""
    source = zipfile.ZipFile(io.BytesIO(content))
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as target:
        for item in source.infolist():
            data = source.read(item.filename)
            if replace and item.filename in replace:
                data = replace[item.filename](data)
            target.writestr(item.filename, data)
        for name, data in (add or {}).items():
            target.writestr(name, data)
    return out.getvalue()


def _body(data):
    """An XML part without its declaration."""
    return (data.split(b"?>", 1)[1] if data.startswith(b"<?xml") else data).lstrip()


def with_declaration(declaration, part="[Content_Types].xml"):
    return {part: lambda data: declaration.encode() + _body(data)}


def filled(submission, rows):
    """The agency's template with activity rows (lists of cell values in column order)."""
    workbook = load_workbook(io.BytesIO(template_workbook(submission)))
    sheet = workbook[workbook.sheetnames[2]]
    for row in rows:
        sheet.append(row)
    buffer = io.BytesIO()
    workbook.save(buffer)
    return buffer.getvalue()


def activity_row(submission, **overrides):
    from reporting import rules

    line = rules.lines_for(submission)[0]
    row = {
        "reference": "HOSTIL-1",
        "title": "Curso",
        "line": line.code,
        "indicator": "",
        "subunit": "",
        "start_date": "2023-03-01",
        "end_date": "2023-03-02",
        "modality": "",
        "region": "",
        "municipality": "",
        "quantity": 1,
        "women": None,
        "men": None,
        "total": None,
        "description": "",
    }
    row.update(overrides)
    return list(row.values())


def hostile_xlsx(kind, submission, settings=None):
    """One hostile workbook of activities, by name."""
    return hostile_workbook(kind, template_workbook(submission), ACTIVITIES_SHEET)


def hostile_plan_xlsx(kind):
    """One hostile workbook made from the plan template, by name."""
    from indicators.plan_workbook import plan_workbook

    return hostile_workbook(kind, plan_workbook(), PLAN_INDICATORS_SHEET)


def hostile_workbook(kind, template, data_sheet):
    """The attack `kind` on a template the app gave out; `data_sheet` is the part that holds
    the rows the import reads."""
    if kind == "xxe":
        return rezip(template, replace=with_declaration(XXE))
    if kind == "laughs":
        return rezip(template, replace=with_declaration(LAUGHS, "xl/workbook.xml"))
    if kind == "dtd-utf16":
        return rezip(
            template,
            replace={
                "xl/workbook.xml": lambda data: (
                    (XXE.encode() + _body(data)).decode("utf-8").encode("utf-16")
                )
            },
        )
    if kind == "dtd-after-comments":
        padding = "<!--" + "x" * 70_000 + "-->"
        declaration = '<?xml version="1.0"?>\n' + padding + XXE.split("\n", 1)[1]
        return rezip(template, replace=with_declaration(declaration))
    if kind == "bomb":
        return rezip(template, add={"xl/media/image1.bin": b"\0" * (100 * 1024 * 1024)})
    if kind == "parts":
        return rezip(template, add={f"xl/extra/part{i}.xml": b"<a/>" for i in range(600)})
    if kind == "empty-rows":
        rows = "".join(f'<row r="{n}"/>' for n in range(3, 130_000))
        return rezip(
            template,
            replace={
                data_sheet: lambda data: data.replace(
                    b"</sheetData>", rows.encode() + b"</sheetData>"
                )
            },
        )
    if kind == "broken-xml":
        return rezip(template, replace={data_sheet: lambda data: data[: len(data) // 2]})
    if kind == "truncated":
        return template[: len(template) // 2]
    raise ValueError(kind)
