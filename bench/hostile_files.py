"""Attachments that attack the reader, made on the spot for the tests and scripts/bench_attachments.py.

`expanding_docx` is a valid Word file of a few hundred kilobytes whose word/document.xml unpacks
to hundreds of megabytes of small runs of text (deflate packs such repetition about a thousand to
one): a parser that believes it builds gigabytes of objects. With `declared_size` the archive's
headers also lie about that member's size, as a file made to pass a check of declared sizes does.
"""

import io
import struct
import zipfile

MB = 1024 * 1024
DOCUMENT = "word/document.xml"
WORD = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"
RUN = "<w:r><w:t>sandbag </w:t></w:r>"
RUNS_PER_PARAGRAPH = 200


def _small_docx():
    import docx

    out = io.BytesIO()
    docx.Document().save(out)
    return out.getvalue()


def expanding_docx(unpacked_bytes=190 * MB, *, declared_size=None):
    """The bytes of a .docx whose document.xml unpacks to about `unpacked_bytes`."""
    paragraph = "<w:p>" + RUN * RUNS_PER_PARAGRAPH + "</w:p>"
    block = (paragraph * (MB // len(paragraph))).encode()
    head = f'<?xml version="1.0" encoding="UTF-8" standalone="yes"?><w:document xmlns:w="{WORD}"><w:body>'.encode()
    tail = b"</w:body></w:document>"
    out = io.BytesIO()
    with zipfile.ZipFile(io.BytesIO(_small_docx())) as template, \
            zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as archive:
        for member in template.infolist():
            if member.filename != DOCUMENT:
                archive.writestr(member, template.read(member))
        with archive.open(DOCUMENT, "w") as document:
            document.write(head)
            for _ in range(max(1, unpacked_bytes // len(block))):
                document.write(block)
            document.write(tail)
    data = out.getvalue()
    return data if declared_size is None else _declare(data, DOCUMENT, declared_size)


def _declare(data, name, size):
    """The archive with `name`'s uncompressed size set to `size` in its local and central headers."""
    data = bytearray(data)
    with zipfile.ZipFile(io.BytesIO(bytes(data))) as archive:
        member = archive.getinfo(name)
        central = archive.start_dir
    struct.pack_into("<I", data, member.header_offset + 22, size)  # local file header
    offset = central
    while data[offset:offset + 4] == b"PK\x01\x02":  # central directory records
        name_length, extra_length, comment_length = struct.unpack_from("<HHH", data, offset + 28)
        if data[offset + 46:offset + 46 + name_length].decode() == name:
            struct.pack_into("<I", data, offset + 24, size)
        offset += 46 + name_length + extra_length + comment_length
    return bytes(data)
