"""The PDFium functions the pdfium engine calls per page, object or character, and the exception
that hands a page to pdfplumber."""
from __future__ import annotations

import ctypes
from ctypes import c_double, c_float, c_int, c_void_p


class Unsupported(Exception):
    """This page needs pdfplumber (the reason says why)."""


class Api:
    """The PDFium functions used per character or object, declared with plain pointer types
    (about twice as fast to call as pypdfium2's typed bindings)."""

    def __init__(self):
        import pypdfium2.raw as R
        import pypdfium2_raw.bindings as B

        lib = B._libs["pdfium"]
        P, I, F, D = c_void_p, c_int, ctypes.POINTER(c_float), ctypes.POINTER(c_double)

        def fn(name, restype, *argtypes):
            try:
                return ctypes.CFUNCTYPE(restype, *argtypes)((name, lib))
            except (AttributeError, TypeError):  # pragma: no cover - fall back to the typed binding
                return getattr(R, name)

        self.R = R
        self.text_object = fn("FPDFText_GetTextObject", P, P, I)
        self.unicode = fn("FPDFText_GetUnicode", ctypes.c_uint, P, I)
        self.origin = fn("FPDFText_GetCharOrigin", I, P, I, D, D)
        self.generated = fn("FPDFText_IsGenerated", I, P, I)
        self.map_error = fn("FPDFText_HasUnicodeMapError", I, P, I)
        self.count_chars = fn("FPDFText_CountChars", I, P)
        self.page_text = fn("FPDFText_GetText", I, P, I, I, c_void_p)
        self.load_text = fn("FPDFText_LoadPage", P, P)
        self.close_text = fn("FPDFText_ClosePage", None, P)
        self.obj_type = fn("FPDFPageObj_GetType", I, P)
        self.bounds = fn("FPDFPageObj_GetBounds", I, P, F, F, F, F)
        self.count_marks = fn("FPDFPageObj_CountMarks", I, P)
        self.page_count_objects = fn("FPDFPage_CountObjects", I, P)
        self.page_object = fn("FPDFPage_GetObject", P, P, I)
        self.form_count_objects = fn("FPDFFormObj_CountObjects", I, P)
        self.form_object = fn("FPDFFormObj_GetObject", P, P, ctypes.c_ulong)
        self.draw_mode = fn("FPDFPath_GetDrawMode", I, P, ctypes.POINTER(c_int), ctypes.POINTER(c_int))
        self.count_segments = fn("FPDFPath_CountSegments", I, P)
        self.segment = fn("FPDFPath_GetPathSegment", P, P, I)
        self.segment_point = fn("FPDFPathSegment_GetPoint", I, P, F, F)
        self.segment_type = fn("FPDFPathSegment_GetType", I, P)
        self.segment_close = fn("FPDFPathSegment_GetClose", I, P)
        self.loose_box = fn("FPDFText_GetLooseCharBox", I, P, I, ctypes.POINTER(R.FS_RECTF))
        self.char_matrix = fn("FPDFText_GetMatrix", I, P, I, ctypes.POINTER(R.FS_MATRIX))
        self.obj_matrix = fn("FPDFPageObj_GetMatrix", I, P, ctypes.POINTER(R.FS_MATRIX))
        self.text_font = fn("FPDFTextObj_GetFont", P, P)
        self.text_size = fn("FPDFTextObj_GetFontSize", I, P, F)
        self.TEXT, self.PATH, self.IMAGE, self.FORM = (R.FPDF_PAGEOBJ_TEXT, R.FPDF_PAGEOBJ_PATH,
                                                       R.FPDF_PAGEOBJ_IMAGE, R.FPDF_PAGEOBJ_FORM)
        self.MOVETO, self.LINETO = R.FPDF_SEGMENT_MOVETO, R.FPDF_SEGMENT_LINETO


_API: Api | None = None


def calls() -> Api:
    """The bindings, made once per process (PDFium is loaded on first use, not at import)."""
    global _API
    if _API is None:
        _API = Api()
    return _API
