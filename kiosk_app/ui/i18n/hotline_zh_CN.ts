<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="zh_CN" sourcelanguage="en">
<context>
    <name>AskScreen</name>
    <message>
        <location filename="../hotline/screen.py" line="275"/>
        <source>12345: ask first</source>
        <translation>12345 先问问</translation>
    </message>
    <message>
        <location filename="../hotline/screen.py" line="276"/>
        <source>What is your question? Type a few words</source>
        <translation>您想问什么？输入几个字即可</translation>
    </message>
    <message>
        <location filename="../hotline/screen.py" line="277"/>
        <source>e.g. 停电, tingdian, td</source>
        <translation>例如：停电、tingdian、td</translation>
    </message>
    <message>
        <location filename="../hotline/screen.py" line="278"/>
        <source>…or pick a topic:</source>
        <translation>……或选择一个话题：</translation>
    </message>
    <message>
        <location filename="../hotline/screen.py" line="279"/>
        <source>I am a visitor: complain about a place</source>
        <translation>我是游客：投诉景区、酒店等</translation>
    </message>
    <message>
        <location filename="../hotline/screen.py" line="280"/>
        <source>Make a request instead</source>
        <translation>直接提交诉求</translation>
    </message>
    <message>
        <location filename="../hotline/screen.py" line="281"/>
        <source>Back to the answers</source>
        <translation>返回答案列表</translation>
    </message>
    <message>
        <location filename="../hotline/screen.py" line="282"/>
        <source>I still need help</source>
        <translation>仍需帮助</translation>
    </message>
    <message>
        <location filename="../hotline/screen.py" line="283"/>
        <source>This answered my question</source>
        <translation>这解决了我的问题</translation>
    </message>
    <message>
        <location filename="../hotline/screen.py" line="285"/>
        <source>The answers of this demonstration are sample content.</source>
        <translation>本演示中的答案为示例内容。</translation>
    </message>
    <message>
        <location filename="../hotline/screen.py" line="290"/>
        <source>Glad it helped. No request was filed. Touch Finish when you are done.</source>
        <translation>很高兴帮到您。未提交诉求。办完请点“完成”。</translation>
    </message>
    <message>
        <location filename="../hotline/screen.py" line="292"/>
        <location filename="../hotline/screen.py" line="304"/>
        <source>Finish</source>
        <translation>完成</translation>
    </message>
    <message>
        <location filename="../hotline/screen.py" line="293"/>
        <source>1. What is it about?</source>
        <translation>1. 反映什么问题？</translation>
    </message>
    <message>
        <location filename="../hotline/screen.py" line="294"/>
        <source>2. What happened?</source>
        <translation>2. 发生了什么？</translation>
    </message>
    <message>
        <location filename="../hotline/screen.py" line="295"/>
        <source>Type here</source>
        <translation>在这里输入</translation>
    </message>
    <message>
        <location filename="../hotline/screen.py" line="297"/>
        <source>4. Where? (optional)</source>
        <translation>4. 在哪里？（可不填）</translation>
    </message>
    <message>
        <location filename="../hotline/screen.py" line="298"/>
        <source>Street, village, building</source>
        <translation>街道、村、楼栋</translation>
    </message>
    <message>
        <location filename="../hotline/screen.py" line="299"/>
        <location filename="../hotline/screen.py" line="302"/>
        <source>Back</source>
        <translation>返回</translation>
    </message>
    <message>
        <location filename="../hotline/screen.py" line="300"/>
        <source>Next</source>
        <translation>下一步</translation>
    </message>
    <message>
        <location filename="../hotline/screen.py" line="301"/>
        <source>Send this request to 12345?</source>
        <translation>将这条诉求提交给12345吗？</translation>
    </message>
    <message>
        <location filename="../hotline/screen.py" line="303"/>
        <source>Send it</source>
        <translation>提交</translation>
    </message>
    <message>
        <location filename="../hotline/screen.py" line="316"/>
        <source>The answers are not available. </source>
        <translation>暂时无法查看答案。</translation>
    </message>
    <message>
        <location filename="../hotline/screen.py" line="322"/>
        <source>Opening the answers…</source>
        <translation>正在打开答案……</translation>
    </message>
    <message>
        <location filename="../hotline/screen.py" line="347"/>
        <source>Touch an answer to read it.</source>
        <translation>点一条答案查看详情。</translation>
    </message>
    <message>
        <location filename="../hotline/screen.py" line="350"/>
        <source>No answer found. Try fewer words, pick a topic, or make a request.</source>
        <translation>没有找到答案。请少输几个字、选择话题，或直接提交诉求。</translation>
    </message>
    <message>
        <location filename="../hotline/screen.py" line="353"/>
        <source>Type above or pick a topic: answers show here.</source>
        <translation>在上面输入或选择话题，答案显示在这里。</translation>
    </message>
    <message>
        <location filename="../hotline/screen.py" line="375"/>
        <source>Where to go: %1</source>
        <translation>去哪里办：%1</translation>
    </message>
    <message>
        <location filename="../hotline/screen.py" line="377"/>
        <source>What to bring: %1</source>
        <translation>带什么：%1</translation>
    </message>
    <message>
        <location filename="../hotline/screen.py" line="379"/>
        <source>Fees: %1</source>
        <translation>费用：%1</translation>
    </message>
    <message>
        <location filename="../hotline/screen.py" line="381"/>
        <source>Hours: %1</source>
        <translation>时间：%1</translation>
    </message>
    <message>
        <location filename="../hotline/screen.py" line="436"/>
        <source>Checking whether this matter is already being handled…</source>
        <translation>正在查询这件事是否已在办理……</translation>
    </message>
    <message>
        <location filename="../hotline/screen.py" line="455"/>
        <location filename="../hotline/screen.py" line="513"/>
        <source>About: %1</source>
        <translation>事项：%1</translation>
    </message>
    <message>
        <location filename="../hotline/screen.py" line="456"/>
        <location filename="../hotline/screen.py" line="514"/>
        <source>Reported: %1</source>
        <translation>诉求内容：%1</translation>
    </message>
    <message>
        <location filename="../hotline/screen.py" line="457"/>
        <source>The hotline answers %1.</source>
        <translation>热线将在%1响应。</translation>
    </message>
    <message>
        <location filename="../hotline/screen.py" line="458"/>
        <source>It cannot be taken back once sent. A slip with its number is printed.</source>
        <translation>提交后不能撤回，将打印带编号的凭条。</translation>
    </message>
    <message>
        <location filename="../hotline/screen.py" line="480"/>
        <source>slip</source>
        <translation>凭条</translation>
    </message>
    <message>
        <location filename="../hotline/screen.py" line="486"/>
        <source>Please choose what it is about.</source>
        <translation>请选择反映的问题。</translation>
    </message>
    <message>
        <location filename="../hotline/screen.py" line="491"/>
        <source>Please say in a few words what happened.</source>
        <translation>请用几句话说明发生了什么。</translation>
    </message>
    <message>
        <location filename="../hotline/screen.py" line="493"/>
        <source>Please keep it under 4,000 characters.</source>
        <translation>请控制在4000字以内。</translation>
    </message>
    <message>
        <location filename="../hotline/screen.py" line="499"/>
        <source>Please keep the place under 200 characters.</source>
        <translation>地点请控制在200字以内。</translation>
    </message>
    <message>
        <location filename="../hotline/screen.py" line="505"/>
        <source>Please check the items marked in red.</source>
        <translation>请检查红色标出的内容。</translation>
    </message>
    <message>
        <location filename="../hotline/screen.py" line="515"/>
        <source>Reply to: %1</source>
        <translation>回复电话：%1</translation>
    </message>
    <message>
        <location filename="../hotline/screen.py" line="518"/>
        <source>Handled by: %1</source>
        <translation>承办单位：%1</translation>
    </message>
    <message>
        <location filename="../hotline/screen.py" line="519"/>
        <source>Your work-order number</source>
        <translation>您的工单编号</translation>
    </message>
    <message>
        <location filename="../hotline/screen.py" line="525"/>
        <source>The hotline answers %1, by %2. Check the progress on the Case progress screen with this number.</source>
        <translation>热线将在%1响应（%2前）。凭此编号可在“办件查询”查看进度。</translation>
    </message>
</context>
<context>
    <name>Hotline</name>
    <message>
        <location filename="../hotline/common.py" line="106"/>
        <source>Something else about this</source>
        <translation>这方面的其他问题</translation>
    </message>
    <message>
        <location filename="../hotline/common.py" line="109"/>
        <source>◀ All topics</source>
        <translation>◀ 全部话题</translation>
    </message>
    <message>
        <location filename="../hotline/common.py" line="148"/>
        <source>today</source>
        <translation>今天</translation>
    </message>
    <message>
        <location filename="../hotline/common.py" line="150"/>
        <source>%1 days ago</source>
        <translation>%1天前</translation>
    </message>
    <message>
        <location filename="../hotline/common.py" line="154"/>
        <source>You already have an open request on this matter (number ending %1, filed %2). This one is added to it; you will be told of progress.</source>
        <translation>您在这件事上已有一条正在办理的诉求（编号尾号%1，%2提交）。这次的诉求将并入其中，办理进展会告知您。</translation>
    </message>
    <message>
        <location filename="../hotline/common.py" line="163"/>
        <source>Your request joins work order %1, filed %2 by %3 people; you will be told of progress.</source>
        <translation>您的诉求并入工单%1（%2提交，共%3人反映），办理进展会告知您。</translation>
    </message>
</context>
<context>
    <name>HotlineMenu</name>
    <message>
        <location filename="../hotline/menu.py" line="21"/>
        <source>Ask a question first (answers at once)</source>
        <translation>先问问（常见问题马上解答）</translation>
    </message>
    <message>
        <location filename="../hotline/menu.py" line="25"/>
        <source>Visitor complaint (handled at once)</source>
        <translation>游客投诉 投诉即办</translation>
    </message>
    <message>
        <location filename="../hotline/menu.py" line="50"/>
        <source>%1 handles it and answers you %2, by %3. Check the progress on the Case progress screen with this number.</source>
        <translation>由%1承办，%2答复您（%3前）。凭此编号可在“办件查询”查看进度。</translation>
    </message>
    <message>
        <location filename="../hotline/menu.py" line="69"/>
        <source>Joined work order %1</source>
        <translation>已并入工单 %1</translation>
    </message>
    <message>
        <location filename="../hotline/menu.py" line="76"/>
        <source>⚠ Overdue: not answered within %1 minutes.</source>
        <translation>⚠ 已超时：未在%1分钟内答复。</translation>
    </message>
    <message>
        <location filename="../hotline/menu.py" line="83"/>
        <source>↑ Escalated to %1 at %2</source>
        <translation>↑ %2 已升级至%1</translation>
    </message>
</context>
<context>
    <name>TouristScreen</name>
    <message>
        <location filename="../hotline/tourist.py" line="183"/>
        <source>Visitor complaint (handled at once)</source>
        <translation>游客投诉 投诉即办</translation>
    </message>
    <message>
        <location filename="../hotline/tourist.py" line="186"/>
        <source>No local ID needed: only a mobile number. The hotline answers visitors&apos; complaints within 30 minutes.</source>
        <translation>无需本地身份证，只需手机号码。游客投诉30分钟内响应。</translation>
    </message>
    <message>
        <location filename="../hotline/tourist.py" line="190"/>
        <source>1. Where did it happen?</source>
        <translation>1. 在哪里发生的？</translation>
    </message>
    <message>
        <location filename="../hotline/tourist.py" line="193"/>
        <source>Name of the place, e.g. 龙泉山景区</source>
        <translation>地点名称，例如：龙泉山景区</translation>
    </message>
    <message>
        <location filename="../hotline/tourist.py" line="194"/>
        <source>2. What went wrong?</source>
        <translation>2. 遇到了什么问题？</translation>
    </message>
    <message>
        <location filename="../hotline/tourist.py" line="197"/>
        <source>More words (optional)</source>
        <translation>补充说明（可不填）</translation>
    </message>
    <message>
        <location filename="../hotline/tourist.py" line="199"/>
        <source>Add a photo (optional)</source>
        <translation>添加照片（可选）</translation>
    </message>
    <message>
        <location filename="../hotline/tourist.py" line="201"/>
        <source>Send the complaint</source>
        <translation>提交投诉</translation>
    </message>
    <message>
        <location filename="../hotline/tourist.py" line="204"/>
        <source>The camera at the scan window takes one photo: hold up your receipt or ticket, or what you are complaining about. Keep faces out of it. Only this photo is sent, with your complaint, to the 12345 hotline; it is deleted from this terminal when sent. Touch “I agree, take the photo” to take it.</source>
        <translation>扫码窗口的摄像头将拍一张照片：请对准您的票据、门票或要投诉的东西，不要拍到人脸。只有这张照片随投诉发送给12345热线，发送后从本机删除。点“同意并拍照”即拍摄。</translation>
    </message>
    <message>
        <location filename="../hotline/tourist.py" line="211"/>
        <source>I agree, take the photo</source>
        <translation>同意并拍照</translation>
    </message>
    <message>
        <location filename="../hotline/tourist.py" line="211"/>
        <source>Take it again</source>
        <translation>重新拍</translation>
    </message>
    <message>
        <location filename="../hotline/tourist.py" line="213"/>
        <source>Use this photo</source>
        <translation>使用这张照片</translation>
    </message>
    <message>
        <location filename="../hotline/tourist.py" line="214"/>
        <source>No photo</source>
        <translation>不要照片</translation>
    </message>
    <message>
        <location filename="../hotline/tourist.py" line="215"/>
        <source>Finish</source>
        <translation>完成</translation>
    </message>
    <message>
        <location filename="../hotline/tourist.py" line="223"/>
        <source>A photo is attached.</source>
        <translation>已附照片。</translation>
    </message>
    <message>
        <location filename="../hotline/tourist.py" line="223"/>
        <source>No photo.</source>
        <translation>未附照片。</translation>
    </message>
    <message>
        <location filename="../hotline/tourist.py" line="261"/>
        <source>Send this complaint to 12345?</source>
        <translation>将这条投诉提交给12345吗？</translation>
    </message>
    <message>
        <location filename="../hotline/tourist.py" line="263"/>
        <source>It cannot be taken back once sent. A slip with its number is printed.</source>
        <translation>提交后不能撤回，将打印带编号的凭条。</translation>
    </message>
    <message>
        <location filename="../hotline/tourist.py" line="265"/>
        <source>Send it</source>
        <translation>提交</translation>
    </message>
    <message>
        <location filename="../hotline/tourist.py" line="283"/>
        <source>slip</source>
        <translation>凭条</translation>
    </message>
    <message>
        <location filename="../hotline/tourist.py" line="290"/>
        <source>Please choose the kind of place and type its name.</source>
        <translation>请选择地点类型并输入地点名称。</translation>
    </message>
    <message>
        <location filename="../hotline/tourist.py" line="294"/>
        <source>Please choose what went wrong.</source>
        <translation>请选择遇到的问题。</translation>
    </message>
    <message>
        <location filename="../hotline/tourist.py" line="300"/>
        <source>Please check the items marked in red.</source>
        <translation>请检查红色标出的内容。</translation>
    </message>
    <message>
        <location filename="../hotline/tourist.py" line="308"/>
        <source>Problem: %1</source>
        <translation>问题：%1</translation>
    </message>
    <message>
        <location filename="../hotline/tourist.py" line="309"/>
        <source>Handled by: %1</source>
        <translation>承办单位：%1</translation>
    </message>
    <message>
        <location filename="../hotline/tourist.py" line="310"/>
        <source>Reply to: %1</source>
        <translation>回复电话：%1</translation>
    </message>
    <message>
        <location filename="../hotline/tourist.py" line="312"/>
        <source>Your complaint number</source>
        <translation>您的投诉编号</translation>
    </message>
    <message>
        <location filename="../hotline/tourist.py" line="315"/>
        <source>%1 answers you %2, by %3.</source>
        <translation>%1将在%2答复您（%3前）。</translation>
    </message>
    <message>
        <location filename="../hotline/tourist.py" line="325"/>
        <source>This terminal has no camera for photos.</source>
        <translation>本机没有可拍照的摄像头。</translation>
    </message>
    <message>
        <location filename="../hotline/tourist.py" line="340"/>
        <source>The camera did not give a picture. Try again.</source>
        <translation>摄像头没有拍到画面，请再试一次。</translation>
    </message>
    <message>
        <location filename="../hotline/tourist.py" line="346"/>
        <source>The photo could not be kept. Try again.</source>
        <translation>照片未能保存，请再试一次。</translation>
    </message>
</context>
</TS>
