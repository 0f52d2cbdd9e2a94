"""用水用气报装 at a community desk: the citizen's card on the reader, an address missing from
the list typed in full, the paper 不动产权证 captured with the document camera — the application
and its attachment reach the service once."""

from __future__ import annotations

from devices.imaging.scenes import SceneSpec

WAIT = 20000


def test_desk_transfer_with_captured_property_certificate(desk, identified, qtbot):
    d = desk()
    for name in ("doc_camera", "idcard", "printer"):
        dev = d.win.ctx.devices.get(name)
        qtbot.waitUntil(lambda dev=dev: dev.state.value == "enabled", timeout=10000)
    screen = d.win.open_capability("utility")
    assert screen.flow.channel == "desk" and screen.capture_panel is not None
    screen.util_buttons["gas"].click()
    screen.type_buttons["transfer"].click()
    screen.choose_next.click()
    identified(qtbot, d, screen, "lina")
    screen.on_applicant_next()
    # not in the list: typed in full
    screen.address_typed.setText("示范县城关街道东门社区新建小区 9 栋")
    screen.use_typed.click()
    assert screen.current_page() is screen.proof_page
    screen.use_capture.click()  # nothing captured yet: says so
    assert screen.error.text() and screen.flow.draft.proof_method == "none"
    d.camera.show(SceneSpec(seed=8, subject="a4", background="dark"))
    qtbot.waitUntil(lambda: screen.capture_panel.page_count() == 1, timeout=WAIT)
    screen.use_capture.click()
    qtbot.waitUntil(lambda: screen.current_page() is screen.details_page, timeout=WAIT)
    assert screen.flow.draft.proof_method == "capture"  # a transfer has no survey: details next
    screen.phone.setText("13900002222")
    screen.field_edits["account"].setText("G1234567")
    screen.field_edits["previous_holder"].setText("王某")
    screen.on_details_next()
    assert screen.current_page() is screen.review_page
    screen.submit_btn.click()
    assert screen.current_page() is screen.done_page
    stored = d.central.stored
    qtbot.waitUntil(
        lambda: len(stored.payloads("utility.applied")) == 1 or bool(d.win.ctx.sync.dead_letters()),
        timeout=WAIT,
    )
    assert not d.win.ctx.sync.dead_letters(), d.win.ctx.sync.dead_letters()
    [app] = stored.payloads("utility.applied")
    assert app["channel"] == "desk" and app["address_id"] == ""
    assert app["property_proof"]["method"] == "capture"
    assert app["property_proof"]["blob_sha256"] in stored.blobs()
    d.win.end_session("finished")
    assert screen.capture is None or not screen.capture.page_list()


def test_at_the_desk_a_card_laid_on_the_choice_page_goes_on_as_next_would(desk, qtbot):
    """The clerk says "please lay your card" (as desk intake does): laid before anything is
    chosen, the page says what is missing and stays; laid once the choice is made, the identity
    step opens by itself and reads it."""
    d = desk()
    for name in ("idcard", "printer"):
        dev = d.win.ctx.devices.get(name)
        qtbot.waitUntil(lambda dev=dev: dev.state.value == "enabled", timeout=10000)
    screen = d.win.open_capability("utility")
    assert screen.current_page() is screen.choose_page
    read = lambda payload: type(payload).__name__ == "CardRead"  # noqa: E731
    with qtbot.waitSignal(d.win.bridges["idcard"].data, check_params_cb=read, timeout=WAIT):
        d.env.lay_card("lina")  # read by the reader; the page was not ready for it
    assert screen.current_page() is screen.choose_page  # nothing chosen: nothing read
    assert screen.error.text() == "请选择申请内容和类型，然后重新放置身份证。"
    d.env.lift_card()  # the citizen takes it back
    screen.util_buttons["water"].click()
    screen.type_buttons["new"].click()
    d.env.lay_card("lina")
    try:
        qtbot.waitUntil(
            lambda: (
                (p := screen.current_page()) is not None
                and p.objectName() == "identity_panel"
                and p.stack.currentWidget() is p.done_page
            ),
            timeout=WAIT,
        )
    finally:
        d.env.lift_card()
    panel = screen.current_page()
    assert panel.purpose_text.text() == screen._purpose()  # the page says what it is for
    panel.continue_btn.click()
    assert screen.current_page() is screen.applicant_page
    assert screen.flow.applicant is not None and screen.flow.draft.utilities == "water"
    assert screen.flow.draft.app_type == "new"
