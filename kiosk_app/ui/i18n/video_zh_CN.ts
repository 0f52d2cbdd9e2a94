<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="zh_CN" sourcelanguage="en">
<context>
    <name>VideoHelp</name>
    <message>
        <location filename="../video/availability.py" line="91"/>
        <source>Video help: checking the media engine</source>
        <translation>视频帮办：正在检查媒体引擎</translation>
    </message>
    <message>
        <location filename="../video/availability.py" line="95"/>
        <source>Video help is enabled but its media engine cannot load: %1</source>
        <translation>已启用视频帮办，但其媒体引擎无法加载：%1</translation>
    </message>
    <message>
        <location filename="../video/availability.py" line="100"/>
        <source>Video help: media engine ok; no answer from the centre</source>
        <translation>视频帮办：媒体引擎正常；中心暂无应答</translation>
    </message>
    <message>
        <location filename="../video/availability.py" line="104"/>
        <source>open now</source>
        <translation>当前在服务时间内</translation>
    </message>
    <message>
        <location filename="../video/availability.py" line="106"/>
        <source>closed now</source>
        <translation>当前不在服务时间</translation>
    </message>
    <message>
        <location filename="../video/availability.py" line="108"/>
        <source>Video help: media engine ok; the centre: %1 (%2)</source>
        <translation>视频帮办：媒体引擎正常；中心：%1（%2）</translation>
    </message>
</context>
<context>
    <name>VideoScreen</name>
    <message>
        <location filename="../video/screen.py" line="260"/>
        <location filename="../video/screen.py" line="459"/>
        <source>Video help</source>
        <translation>视频帮办</translation>
    </message>
    <message>
        <location filename="../video/screen.py" line="261"/>
        <source>Talk face to face with an agent at the county centre</source>
        <translation>与县政务服务中心的工作人员视频面对面交谈</translation>
    </message>
    <message>
        <location filename="../video/screen.py" line="264"/>
        <source>When you start the call, this terminal&apos;s camera and microphone switch on. The agent sees and hears you, and sees the document camera only if you agree when asked; you will see when it is being shared.</source>
        <translation>开始通话后，本终端的摄像头和麦克风将打开。工作人员能看到、听到您；只有在您同意后，工作人员才能看到高拍仪的画面，共享时屏幕上会明显提示。</translation>
    </message>
    <message>
        <location filename="../video/screen.py" line="272"/>
        <source>This call is recorded by the county centre, on the agent&apos;s side. Nothing is recorded or kept on this terminal.</source>
        <translation>本次通话由县政务服务中心在工作人员一端录像。本终端不录像、不保存任何内容。</translation>
    </message>
    <message>
        <location filename="../video/screen.py" line="276"/>
        <source>This call is not recorded. Nothing is kept on this terminal.</source>
        <translation>本次通话不录像，本终端不保存任何内容。</translation>
    </message>
    <message>
        <location filename="../video/screen.py" line="280"/>
        <source>Press “End call” or walk away at any time: the camera and microphone switch off and everything stops.</source>
        <translation>您随时可以按“结束通话”或直接离开：摄像头和麦克风会关闭，一切随即停止。</translation>
    </message>
    <message>
        <location filename="../video/screen.py" line="284"/>
        <location filename="../video/screen.py" line="299"/>
        <source>Back</source>
        <translation>返回</translation>
    </message>
    <message>
        <location filename="../video/screen.py" line="285"/>
        <source>Start the call</source>
        <translation>开始通话</translation>
    </message>
    <message>
        <location filename="../video/screen.py" line="286"/>
        <source>Call me back instead</source>
        <translation>改为请工作人员回电</translation>
    </message>
    <message>
        <location filename="../video/screen.py" line="287"/>
        <source>Cancel</source>
        <translation>取消</translation>
    </message>
    <message>
        <location filename="../video/screen.py" line="288"/>
        <location filename="../video/screen.py" line="547"/>
        <source>Mute</source>
        <translation>静音</translation>
    </message>
    <message>
        <location filename="../video/screen.py" line="289"/>
        <source>Stop sharing</source>
        <translation>停止共享</translation>
    </message>
    <message>
        <location filename="../video/screen.py" line="290"/>
        <source>End call</source>
        <translation>结束通话</translation>
    </message>
    <message>
        <location filename="../video/screen.py" line="291"/>
        <location filename="../video/screen.py" line="575"/>
        <source>Not now</source>
        <translation>暂不</translation>
    </message>
    <message>
        <location filename="../video/screen.py" line="292"/>
        <location filename="../video/screen.py" line="561"/>
        <source>Call me back</source>
        <translation>请给我回电</translation>
    </message>
    <message>
        <location filename="../video/screen.py" line="293"/>
        <source>Rate this call</source>
        <translation>评价本次服务</translation>
    </message>
    <message>
        <location filename="../video/screen.py" line="294"/>
        <source>Home</source>
        <translation>首页</translation>
    </message>
    <message>
        <location filename="../video/screen.py" line="295"/>
        <source>Your mobile number: an agent will call you back</source>
        <translation>请输入您的手机号码，工作人员会给您回电</translation>
    </message>
    <message>
        <location filename="../video/screen.py" line="297"/>
        <source>The number is sent to the county centre only for this call-back.</source>
        <translation>号码只发送给县政务服务中心，仅用于本次回电。</translation>
    </message>
    <message>
        <location filename="../video/screen.py" line="300"/>
        <source>Send</source>
        <translation>提交</translation>
    </message>
    <message>
        <location filename="../video/screen.py" line="475"/>
        <source>Switching on the camera and calling the centre…</source>
        <translation>正在打开摄像头并呼叫服务中心…</translation>
    </message>
    <message>
        <location filename="../video/screen.py" line="487"/>
        <source>Thank you</source>
        <translation>谢谢您</translation>
    </message>
    <message>
        <location filename="../video/screen.py" line="488"/>
        <source>An agent will call you back as soon as possible.</source>
        <translation>工作人员会尽快给您回电。</translation>
    </message>
    <message>
        <location filename="../video/screen.py" line="495"/>
        <source>Waiting for an agent</source>
        <translation>正在等待工作人员接听</translation>
    </message>
    <message>
        <location filename="../video/screen.py" line="497"/>
        <source>You are next.</source>
        <translation>下一位就是您。</translation>
    </message>
    <message>
        <location filename="../video/screen.py" line="499"/>
        <source>%1 people are waiting before you.</source>
        <translation>您前面还有 %1 人在等候。</translation>
    </message>
    <message>
        <location filename="../video/screen.py" line="504"/>
        <source>An agent will answer shortly.</source>
        <translation>工作人员马上接听。</translation>
    </message>
    <message>
        <location filename="../video/screen.py" line="506"/>
        <source>Estimated wait: about %1 minutes.</source>
        <translation>预计等候约 %1 分钟。</translation>
    </message>
    <message>
        <location filename="../video/screen.py" line="510"/>
        <source>This is what the agent will see.</source>
        <translation>这是工作人员将看到的画面。</translation>
    </message>
    <message>
        <location filename="../video/screen.py" line="514"/>
        <source>The connection is unsteady; your place is kept.</source>
        <translation>网络不稳定，您的排队位置已为您保留。</translation>
    </message>
    <message>
        <location filename="../video/screen.py" line="520"/>
        <source>The camera is not working: this call is audio only. The agent will hear you but not see you.</source>
        <translation>摄像头无法使用：本次只能语音通话。工作人员能听到您，但看不到您。</translation>
    </message>
    <message>
        <location filename="../video/screen.py" line="526"/>
        <source>The connection is unsteady. Please wait…</source>
        <translation>网络不稳定，请稍候…</translation>
    </message>
    <message>
        <location filename="../video/screen.py" line="528"/>
        <source>Connecting to %1…</source>
        <translation>正在接通 %1…</translation>
    </message>
    <message>
        <location filename="../video/screen.py" line="530"/>
        <source>You are talking with %1</source>
        <translation>您正在与 %1 通话</translation>
    </message>
    <message>
        <location filename="../video/screen.py" line="535"/>
        <source>This call is recorded.</source>
        <translation>本次通话正在录像。</translation>
    </message>
    <message>
        <location filename="../video/screen.py" line="537"/>
        <source>Your document camera is being shown to the agent</source>
        <translation>您的高拍仪画面正在共享给工作人员</translation>
    </message>
    <message>
        <location filename="../video/screen.py" line="539"/>
        <source>Shown to the agent</source>
        <translation>正在给工作人员看</translation>
    </message>
    <message>
        <location filename="../video/screen.py" line="543"/>
        <source>The agent&apos;s picture will appear here</source>
        <translation>工作人员的画面将显示在这里</translation>
    </message>
    <message>
        <location filename="../video/screen.py" line="545"/>
        <source>Camera off</source>
        <translation>摄像头未开</translation>
    </message>
    <message>
        <location filename="../video/screen.py" line="547"/>
        <source>Unmute</source>
        <translation>取消静音</translation>
    </message>
    <message>
        <location filename="../video/screen.py" line="557"/>
        <source>The network is too slow for video right now. An agent can call you back on your mobile instead.</source>
        <translation>当前网络太慢，无法视频通话。可以改为由工作人员给您的手机回电。</translation>
    </message>
    <message>
        <location filename="../video/screen.py" line="562"/>
        <source>Keep trying</source>
        <translation>继续尝试</translation>
    </message>
    <message>
        <location filename="../video/screen.py" line="567"/>
        <source>The agent asks to see your document on the document camera.</source>
        <translation>工作人员请您把材料放在高拍仪下给他看。</translation>
    </message>
    <message>
        <location filename="../video/screen.py" line="569"/>
        <source>Show it</source>
        <translation>给工作人员看</translation>
    </message>
    <message>
        <location filename="../video/screen.py" line="572"/>
        <source>This terminal has no document camera. Hold the page up to the camera.</source>
        <translation>本终端没有高拍仪，请把材料举到摄像头前。</translation>
    </message>
    <message>
        <location filename="../video/screen.py" line="601"/>
        <source>No agent can answer right now</source>
        <translation>现在没有工作人员可以接听</translation>
    </message>
    <message>
        <location filename="../video/screen.py" line="603"/>
        <source>Video help is open %1.</source>
        <translation>视频帮办服务时间：%1。</translation>
    </message>
    <message>
        <location filename="../video/screen.py" line="605"/>
        <source>All agents are busy and the queue is full.</source>
        <translation>工作人员都在忙，排队人数已满。</translation>
    </message>
    <message>
        <location filename="../video/screen.py" line="607"/>
        <source>Video help is not offered at the moment.</source>
        <translation>目前暂不提供视频帮办。</translation>
    </message>
    <message>
        <location filename="../video/screen.py" line="609"/>
        <source>No agent is on duty at the moment.</source>
        <translation>目前没有工作人员值班。</translation>
    </message>
    <message>
        <location filename="../video/screen.py" line="610"/>
        <source>An agent can call you back.</source>
        <translation>可以请工作人员给您回电。</translation>
    </message>
    <message>
        <location filename="../video/screen.py" line="614"/>
        <source>The call has ended</source>
        <translation>通话已结束</translation>
    </message>
    <message>
        <location filename="../video/screen.py" line="616"/>
        <source>The agent ended the call.</source>
        <translation>工作人员结束了通话。</translation>
    </message>
    <message>
        <location filename="../video/screen.py" line="617"/>
        <source>The connection to the centre was lost.</source>
        <translation>与服务中心的连接中断了。</translation>
    </message>
    <message>
        <location filename="../video/screen.py" line="619"/>
        <source>The terminal&apos;s microphone or camera did not work, so the call could not go on.</source>
        <translation>终端的麦克风或摄像头无法使用，通话无法继续。</translation>
    </message>
    <message>
        <location filename="../video/screen.py" line="621"/>
        <source>The centre ended the call.</source>
        <translation>服务中心结束了通话。</translation>
    </message>
    <message>
        <location filename="../video/screen.py" line="626"/>
        <source>The camera and microphone are off.</source>
        <translation>摄像头和麦克风已关闭。</translation>
    </message>
</context>
<context>
    <name>VideoTiles</name>
    <message>
        <location filename="../video/tiles.py" line="16"/>
        <source>Video help</source>
        <translation>视频帮办</translation>
    </message>
    <message>
        <location filename="../video/tiles.py" line="20"/>
        <source>Talk face to face with an agent</source>
        <translation>与工作人员视频面对面</translation>
    </message>
</context>
</TS>
