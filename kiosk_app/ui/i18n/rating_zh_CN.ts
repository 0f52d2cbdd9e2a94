<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="zh_CN" sourcelanguage="en">
<context>
    <name>Rating</name>
    <message>
        <location filename="../rating/reasons.py" line="37"/>
        <source>Every dissatisfied rating is followed up: the service centre looks into it and answers you within %1 working days.</source>
        <translation>每一条差评都会有人跟进：服务中心将核实情况，并在 %1 个工作日内给您答复。</translation>
    </message>
    <message>
        <location filename="../rating/reasons.py" line="51"/>
        <source>Your rating will be followed up by %1.</source>
        <translation>您的差评将于 %1 前得到整改答复。</translation>
    </message>
    <message>
        <location filename="../rating/reasons.py" line="58"/>
        <source>This case has already been rated. Each case is rated once.</source>
        <translation>该办件已经评价过了，每个办件只能评价一次。</translation>
    </message>
    <message>
        <location filename="../rating/reasons.py" line="64"/>
        <source>Rated on %1.</source>
        <translation>评价时间：%1。</translation>
    </message>
    <message>
        <location filename="../rating/reasons.py" line="149"/>
        <source>Please pick at least one reason.</source>
        <translation>请至少选择一项原因。</translation>
    </message>
    <message>
        <location filename="../rating/reasons.py" line="162"/>
        <source>We are sorry. What went wrong? Pick one or more reasons.</source>
        <translation>很抱歉给您带来不便。请选择不满意的原因（可多选）。</translation>
    </message>
    <message>
        <location filename="../rating/reasons.py" line="167"/>
        <source>Anything you would like to add? (optional)</source>
        <translation>还有什么想告诉我们的吗？（选填）</translation>
    </message>
    <message>
        <location filename="../rating/reasons.py" line="170"/>
        <source>Type here with the on-screen keyboard</source>
        <translation>请用屏幕键盘输入</translation>
    </message>
    <message>
        <location filename="../rating/reasons.py" line="173"/>
        <source>Back</source>
        <translation>返回</translation>
    </message>
    <message>
        <location filename="../rating/reasons.py" line="174"/>
        <source>Send rating</source>
        <translation>提交评价</translation>
    </message>
    <message>
        <location filename="../rating/desk.py" line="152"/>
        <source>Rated: %1. Thank you.</source>
        <translation>评价：%1。谢谢！</translation>
    </message>
    <message>
        <location filename="../rating/desk.py" line="161"/>
        <source>This case has already been rated.</source>
        <translation>该办件已经评价过了。</translation>
    </message>
    <message>
        <location filename="../rating/desk.py" line="169"/>
        <source>Please ask the citizen to rate the service on the rating pad (or here).</source>
        <translation>请群众在评价器上（或在此）评价本次服务。</translation>
    </message>
    <message>
        <location filename="../rating/desk.py" line="173"/>
        <source>Please ask the citizen to rate the service: touch one of the buttons.</source>
        <translation>请群众评价本次服务：点击下方任一按钮。</translation>
    </message>
</context>
</TS>
