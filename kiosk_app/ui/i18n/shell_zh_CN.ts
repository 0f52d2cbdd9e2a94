<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="zh_CN" sourcelanguage="en">
<context>
    <name>AttractScreen</name>
    <message>
        <location filename="../screens/attract.py" line="34"/>
        <source>Welcome to self-service</source>
        <translation>欢迎使用政务服务自助终端</translation>
    </message>
    <message>
        <location filename="../screens/attract.py" line="35"/>
        <source>Touch the screen to start</source>
        <translation>请轻触屏幕开始办理</translation>
    </message>
</context>
<context>
    <name>ConfigErrorWidget</name>
    <message>
        <location filename="../screens/config_error.py" line="20"/>
        <source>This terminal cannot start: its configuration is invalid</source>
        <translation>本终端无法启动：配置文件有误</translation>
    </message>
    <message>
        <location filename="../screens/config_error.py" line="23"/>
        <source>Please call a technician. The problems found:</source>
        <translation>请联系技术人员。发现的问题：</translation>
    </message>
</context>
<context>
    <name>CountdownOverlay</name>
    <message>
        <location filename="../idle.py" line="57"/>
        <source>Are you still there? The session will end soon.</source>
        <translation>您还在吗？本次办理即将结束。</translation>
    </message>
</context>
<context>
    <name>HomeScreen</name>
    <message>
        <location filename="../screens/home.py" line="97"/>
        <source>What would you like to do?</source>
        <translation>请选择您要办理的业务</translation>
    </message>
    <message>
        <location filename="../screens/home.py" line="100"/>
        <source>Elder mode</source>
        <translation>长辈模式</translation>
    </message>
    <message>
        <location filename="../screens/home.py" line="103"/>
        <source>No self-service is available on this terminal yet. Please go to the service desk.</source>
        <translation>本机暂未开通自助业务，请到服务台办理。</translation>
    </message>
    <message>
        <location filename="../screens/home.py" line="106"/>
        <source>Scan with your phone to read this terminal&apos;s guide</source>
        <translation>手机扫码，查看本机操作指南</translation>
    </message>
    <message>
        <location filename="../screens/home.py" line="107"/>
        <source>Finish</source>
        <translation>结束办理</translation>
    </message>
</context>
<context>
    <name>PinPadScreen</name>
    <message>
        <location filename="../screens/pin_pad.py" line="63"/>
        <source>Technician sign-in</source>
        <translation>技术人员登录</translation>
    </message>
    <message>
        <location filename="../screens/pin_pad.py" line="64"/>
        <source>Clear</source>
        <translation>清除</translation>
    </message>
    <message>
        <location filename="../screens/pin_pad.py" line="65"/>
        <source>OK</source>
        <translation>确定</translation>
    </message>
    <message>
        <location filename="../screens/pin_pad.py" line="66"/>
        <source>Cancel</source>
        <translation>取消</translation>
    </message>
    <message numerus="yes">
        <location filename="../screens/pin_pad.py" line="100"/>
        <source>Too many wrong PINs. Locked for %n minute(s).</source>
        <translation>
            <numerusform>密码错误次数过多，已锁定 %n 分钟。</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <location filename="../screens/pin_pad.py" line="87"/>
        <source>Wrong PIN. %n attempt(s) left.</source>
        <translation>
            <numerusform>密码错误，还可尝试 %n 次。</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>TechnicianScreen</name>
    <message>
        <location filename="../screens/technician.py" line="71"/>
        <source>Technician panel</source>
        <translation>技术人员面板</translation>
    </message>
    <message>
        <location filename="../screens/technician.py" line="72"/>
        <source>Back to service</source>
        <translation>返回服务</translation>
    </message>
    <message>
        <location filename="../screens/technician.py" line="73"/>
        <source>Exit kiosk</source>
        <translation>退出终端程序</translation>
    </message>
    <message>
        <location filename="../screens/technician.py" line="81"/>
        <source>Terminal</source>
        <translation>终端</translation>
    </message>
    <message>
        <location filename="../screens/technician.py" line="82"/>
        <source>Location</source>
        <translation>位置</translation>
    </message>
    <message>
        <location filename="../screens/technician.py" line="83"/>
        <source>Model</source>
        <translation>型号</translation>
    </message>
    <message>
        <location filename="../screens/technician.py" line="84"/>
        <source>Version</source>
        <translation>版本</translation>
    </message>
    <message>
        <location filename="../screens/technician.py" line="85"/>
        <source>Profile</source>
        <translation>配置方案</translation>
    </message>
    <message>
        <location filename="../screens/technician.py" line="86"/>
        <source>Config files</source>
        <translation>配置文件</translation>
    </message>
    <message>
        <location filename="../screens/technician.py" line="87"/>
        <source>Data folder</source>
        <translation>数据目录</translation>
    </message>
    <message>
        <location filename="../screens/technician.py" line="88"/>
        <source>Uptime</source>
        <translation>运行时间</translation>
    </message>
    <message>
        <location filename="../screens/technician.py" line="97"/>
        <source>Overview</source>
        <translation>概况</translation>
    </message>
    <message>
        <location filename="../screens/technician.py" line="100"/>
        <source>No devices configured</source>
        <translation>未配置设备</translation>
    </message>
    <message>
        <location filename="../screens/technician.py" line="104"/>
        <source>Devices</source>
        <translation>设备</translation>
    </message>
    <message>
        <location filename="../screens/technician.py" line="108"/>
        <source>Config</source>
        <translation>配置</translation>
    </message>
</context>
</TS>
