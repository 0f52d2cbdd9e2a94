<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="zh_CN" sourcelanguage="en">
<context>
    <name>AskOnce</name>
    <message>
        <location filename="../ask.py" line="54"/>
        <source>Back</source>
        <translation>返回</translation>
    </message>
</context>
<context>
    <name>AttractScreen</name>
    <message>
        <location filename="../screens/attract.py" line="36"/>
        <source>Welcome to self-service</source>
        <translation>欢迎使用政务服务自助终端</translation>
    </message>
    <message>
        <location filename="../screens/attract.py" line="37"/>
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
        <location filename="../idle.py" line="58"/>
        <source>Are you still there? The session will end soon.</source>
        <translation>您还在吗？本次办理即将结束。</translation>
    </message>
</context>
<context>
    <name>DevicesTab</name>
    <message>
        <location filename="../screens/tech_tabs.py" line="63"/>
        <source>Test</source>
        <translation>测试</translation>
    </message>
    <message>
        <location filename="../screens/tech_tabs.py" line="69"/>
        <source>Learn empty mat</source>
        <translation>学习空白桌垫</translation>
    </message>
    <message>
        <location filename="../screens/tech_tabs.py" line="83"/>
        <source>No devices configured</source>
        <translation>未配置设备</translation>
    </message>
    <message>
        <location filename="../screens/tech_tabs.py" line="88"/>
        <source>Testing…</source>
        <translation>正在测试…</translation>
    </message>
    <message>
        <location filename="../screens/tech_tabs.py" line="101"/>
        <source>Learning the empty mat… keep the desk clear</source>
        <translation>正在学习空白桌垫……请保持桌面空无一物</translation>
    </message>
    <message>
        <location filename="../screens/tech_tabs.py" line="102"/>
        <source>Empty mat learned</source>
        <translation>已学习空白桌垫</translation>
    </message>
</context>
<context>
    <name>EndVisitOverlay</name>
    <message>
        <location filename="../visit.py" line="51"/>
        <source>What you entered on this page is cleared when you leave it. If nobody touches the screen, the visit ends by itself in %1 seconds.</source>
        <translation>离开本页后，您在本页的信息将被清除。若无人操作，本次办理将在 %1 秒后自动结束。</translation>
    </message>
    <message>
        <location filename="../visit.py" line="69"/>
        <source>End this visit?</source>
        <translation>结束本次办理？</translation>
    </message>
    <message>
        <location filename="../visit.py" line="70"/>
        <source>Stay on this page</source>
        <translation>留在本页</translation>
    </message>
    <message>
        <location filename="../visit.py" line="71"/>
        <source>Another service</source>
        <translation>办理其他事项</translation>
    </message>
    <message>
        <location filename="../visit.py" line="72"/>
        <source>End my visit</source>
        <translation>结束办理</translation>
    </message>
</context>
<context>
    <name>GuideScreen</name>
    <message>
        <location filename="../screens/guide.py" line="118"/>
        <source>Operating guide of this terminal</source>
        <translation>本机操作指南</translation>
    </message>
    <message>
        <location filename="../screens/guide.py" line="119"/>
        <source>Guide start page</source>
        <translation>指南首页</translation>
    </message>
    <message>
        <location filename="../screens/guide.py" line="120"/>
        <source>Back to home</source>
        <translation>返回首页</translation>
    </message>
    <message>
        <location filename="../screens/guide.py" line="122"/>
        <source>Preparing the guide…</source>
        <translation>正在准备操作指南…</translation>
    </message>
    <message>
        <location filename="../screens/guide.py" line="144"/>
        <source>The guide is not available on this terminal right now.</source>
        <translation>本机暂时无法显示操作指南。</translation>
    </message>
    <message>
        <location filename="../screens/guide.py" line="208"/>
        <source>What you can do here</source>
        <translation>本机可以办理</translation>
    </message>
    <message numerus="yes">
        <location filename="../screens/guide.py" line="224"/>
        <source>See the %n services of this terminal</source>
        <translation>
            <numerusform>查看本机可办的 %n 个事项</numerusform>
        </translation>
    </message>
    <message>
        <location filename="../screens/guide.py" line="227"/>
        <source>About this terminal</source>
        <translation>本机信息</translation>
    </message>
    <message>
        <location filename="../screens/guide.py" line="228"/>
        <source>Name</source>
        <translation>名称</translation>
    </message>
    <message>
        <location filename="../screens/guide.py" line="228"/>
        <source>Terminal number</source>
        <translation>终端编号</translation>
    </message>
    <message>
        <location filename="../screens/guide.py" line="230"/>
        <source>Location</source>
        <translation>位置</translation>
    </message>
    <message>
        <location filename="../screens/guide.py" line="234"/>
        <source>Devices</source>
        <translation>本机设备</translation>
    </message>
    <message>
        <location filename="../screens/guide.py" line="246"/>
        <source>Step %1</source>
        <translation>第 %1 步</translation>
    </message>
    <message>
        <location filename="../screens/guide.py" line="272"/>
        <source>Good to know</source>
        <translation>温馨提示</translation>
    </message>
    <message>
        <location filename="../screens/guide.py" line="285"/>
        <source>Next: %1</source>
        <translation>下一项：%1</translation>
    </message>
    <message>
        <location filename="../screens/guide.py" line="288"/>
        <source>Back to this terminal&apos;s guide</source>
        <translation>返回本机可办事项</translation>
    </message>
    <message>
        <location filename="../screens/guide.py" line="299"/>
        <source>Need help? Call us</source>
        <translation>遇到问题？打电话问我们</translation>
    </message>
    <message>
        <location filename="../screens/guide.py" line="303"/>
        <source>Answered: %1</source>
        <translation>接听时间：%1</translation>
    </message>
    <message>
        <location filename="../screens/guide.py" line="312"/>
        <source>Operating guide</source>
        <translation>操作指南</translation>
    </message>
    <message>
        <location filename="../screens/guide.py" line="207"/>
        <location filename="../screens/guide.py" line="313"/>
        <source>How to use this terminal</source>
        <translation>本机怎么用</translation>
    </message>
</context>
<context>
    <name>HomeScreen</name>
    <message>
        <location filename="../screens/home.py" line="129"/>
        <source>What would you like to do?</source>
        <translation>请选择您要办理的业务</translation>
    </message>
    <message>
        <location filename="../screens/home.py" line="132"/>
        <source>Elder mode</source>
        <translation>长辈模式</translation>
    </message>
    <message>
        <location filename="../screens/home.py" line="135"/>
        <source>No self-service is available on this terminal yet. Please go to the service desk.</source>
        <translation>本机暂未开通自助业务，请到服务台办理。</translation>
    </message>
    <message>
        <location filename="../screens/home.py" line="138"/>
        <source>Scan with your phone to read this terminal&apos;s guide</source>
        <translation>手机扫码，查看本机操作指南</translation>
    </message>
    <message>
        <location filename="../screens/home.py" line="139"/>
        <source>Finish</source>
        <translation>结束办理</translation>
    </message>
    <message>
        <location filename="../screens/home.py" line="149"/>
        <source>This service is not available right now. Please choose another one or go to the service desk.</source>
        <translation>这项服务暂时无法使用，请选择其他服务，或到服务窗口办理。</translation>
    </message>
</context>
<context>
    <name>PinPadScreen</name>
    <message>
        <location filename="../screens/pin_pad.py" line="64"/>
        <source>Technician sign-in</source>
        <translation>技术人员登录</translation>
    </message>
    <message>
        <location filename="../screens/pin_pad.py" line="65"/>
        <source>Clear</source>
        <translation>清除</translation>
    </message>
    <message>
        <location filename="../screens/pin_pad.py" line="66"/>
        <source>OK</source>
        <translation>确定</translation>
    </message>
    <message>
        <location filename="../screens/pin_pad.py" line="67"/>
        <source>Cancel</source>
        <translation>取消</translation>
    </message>
    <message numerus="yes">
        <location filename="../screens/pin_pad.py" line="107"/>
        <source>Too many wrong PINs. Locked for %n minute(s).</source>
        <translation>
            <numerusform>密码错误次数过多，已锁定 %n 分钟。</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <location filename="../screens/pin_pad.py" line="94"/>
        <source>Wrong PIN. %n attempt(s) left.</source>
        <translation>
            <numerusform>密码错误，还可尝试 %n 次。</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>ProvisioningTab</name>
    <message>
        <location filename="../screens/tech_tabs.py" line="269"/>
        <source>Look for bundles on USB</source>
        <translation>查找U盘中的配置包</translation>
    </message>
    <message>
        <location filename="../screens/tech_tabs.py" line="270"/>
        <source>Roll back</source>
        <translation>回退到上一版本</translation>
    </message>
    <message>
        <location filename="../screens/tech_tabs.py" line="271"/>
        <source>Restart kiosk</source>
        <translation>重启终端程序</translation>
    </message>
    <message>
        <location filename="../screens/tech_tabs.py" line="287"/>
        <source>Not provisioned from a bundle</source>
        <translation>未通过配置包安装</translation>
    </message>
    <message>
        <location filename="../screens/tech_tabs.py" line="290"/>
        <source>Installed bundle</source>
        <translation>已安装配置包</translation>
    </message>
    <message>
        <location filename="../screens/tech_tabs.py" line="290"/>
        <source>config</source>
        <translation>配置</translation>
    </message>
    <message>
        <location filename="../screens/tech_tabs.py" line="302"/>
        <source>offered</source>
        <translation>已发布</translation>
    </message>
    <message>
        <location filename="../screens/tech_tabs.py" line="303"/>
        <source>downloading</source>
        <translation>下载中</translation>
    </message>
    <message>
        <location filename="../screens/tech_tabs.py" line="304"/>
        <source>verified</source>
        <translation>已校验</translation>
    </message>
    <message>
        <location filename="../screens/tech_tabs.py" line="305"/>
        <source>being tried</source>
        <translation>试运行中</translation>
    </message>
    <message>
        <location filename="../screens/tech_tabs.py" line="306"/>
        <source>kept</source>
        <translation>已保留</translation>
    </message>
    <message>
        <location filename="../screens/tech_tabs.py" line="307"/>
        <source>rolled back</source>
        <translation>已自动回退</translation>
    </message>
    <message>
        <location filename="../screens/tech_tabs.py" line="308"/>
        <source>refused</source>
        <translation>已拒绝</translation>
    </message>
    <message>
        <location filename="../screens/tech_tabs.py" line="309"/>
        <source>withdrawn</source>
        <translation>已撤回</translation>
    </message>
    <message>
        <location filename="../screens/tech_tabs.py" line="311"/>
        <source>Software running</source>
        <translation>运行中的软件版本</translation>
    </message>
    <message>
        <location filename="../screens/tech_tabs.py" line="311"/>
        <source>fallback</source>
        <translation>回退版本</translation>
    </message>
    <message>
        <location filename="../screens/tech_tabs.py" line="312"/>
        <source>Waiting to be tried</source>
        <translation>待试运行</translation>
    </message>
    <message>
        <location filename="../screens/tech_tabs.py" line="312"/>
        <source>Last update</source>
        <translation>最近一次更新</translation>
    </message>
    <message>
        <location filename="../screens/tech_tabs.py" line="324"/>
        <source>Looking…</source>
        <translation>正在查找…</translation>
    </message>
    <message>
        <location filename="../screens/tech_tabs.py" line="325"/>
        <source>No bundle found on a USB stick</source>
        <translation>U盘中没有找到配置包</translation>
    </message>
    <message>
        <location filename="../screens/tech_tabs.py" line="347"/>
        <location filename="../screens/tech_tabs.py" line="371"/>
        <source>Verifying and installing…</source>
        <translation>正在校验并安装…</translation>
    </message>
    <message>
        <location filename="../screens/tech_tabs.py" line="348"/>
        <source>Installed. Restart the kiosk to use it.</source>
        <translation>已安装。重启终端程序后生效。</translation>
    </message>
    <message>
        <location filename="../screens/tech_tabs.py" line="373"/>
        <source>Installed into the spare slot. Restart the kiosk to try it: it is kept only if it reaches its home screen and passes the device self-test; otherwise the terminal goes back to this version by itself.</source>
        <translation>已安装到备用分区。重启自助终端即可试运行：只有新版本进入首页并通过设备自检才会保留，否则终端会自动回退到当前版本。</translation>
    </message>
    <message>
        <location filename="../screens/tech_tabs.py" line="393"/>
        <source>Rolled back. Restart the kiosk to use it.</source>
        <translation>已回退。重启终端程序后生效。</translation>
    </message>
</context>
<context>
    <name>SyncTab</name>
    <message>
        <location filename="../screens/tech_tabs.py" line="130"/>
        <source>Sync now</source>
        <translation>立即同步</translation>
    </message>
    <message>
        <location filename="../screens/tech_tabs.py" line="131"/>
        <source>Retry dead letters</source>
        <translation>重发失败记录</translation>
    </message>
    <message>
        <location filename="../screens/tech_tabs.py" line="132"/>
        <source>Discard dead letters</source>
        <translation>丢弃失败记录</translation>
    </message>
    <message>
        <location filename="../screens/tech_tabs.py" line="133"/>
        <source>Network check</source>
        <translation>网络检测</translation>
    </message>
    <message>
        <location filename="../screens/tech_tabs.py" line="134"/>
        <source>Export logs</source>
        <translation>导出日志</translation>
    </message>
    <message>
        <location filename="../screens/tech_tabs.py" line="157"/>
        <source>Sync is not running</source>
        <translation>同步未运行</translation>
    </message>
    <message>
        <location filename="../screens/tech_tabs.py" line="160"/>
        <source>online</source>
        <translation>在线</translation>
    </message>
    <message>
        <location filename="../screens/tech_tabs.py" line="160"/>
        <source>offline</source>
        <translation>离线</translation>
    </message>
    <message>
        <location filename="../screens/tech_tabs.py" line="160"/>
        <source>unknown</source>
        <translation>未知</translation>
    </message>
    <message>
        <location filename="../screens/tech_tabs.py" line="165"/>
        <location filename="../screens/tech_tabs.py" line="219"/>
        <source>Central service</source>
        <translation>中心服务</translation>
    </message>
    <message>
        <location filename="../screens/tech_tabs.py" line="166"/>
        <source>Waiting to send</source>
        <translation>待发送</translation>
    </message>
    <message>
        <location filename="../screens/tech_tabs.py" line="167"/>
        <source>oldest</source>
        <translation>最早</translation>
    </message>
    <message>
        <location filename="../screens/tech_tabs.py" line="170"/>
        <source>Dead letters</source>
        <translation>失败记录</translation>
    </message>
    <message>
        <location filename="../screens/tech_tabs.py" line="171"/>
        <source>Last successful sync</source>
        <translation>上次成功同步</translation>
    </message>
    <message>
        <location filename="../screens/tech_tabs.py" line="172"/>
        <source>Last error</source>
        <translation>最近错误</translation>
    </message>
    <message>
        <location filename="../screens/tech_tabs.py" line="197"/>
        <source>%1 record(s) queued again</source>
        <translation>已重新排队 %1 条记录</translation>
    </message>
    <message>
        <location filename="../screens/tech_tabs.py" line="204"/>
        <source>%1 record(s) discarded</source>
        <translation>已丢弃 %1 条记录</translation>
    </message>
    <message>
        <location filename="../screens/tech_tabs.py" line="211"/>
        <source>Checking…</source>
        <translation>正在检测…</translation>
    </message>
    <message>
        <location filename="../screens/tech_tabs.py" line="213"/>
        <source>reachable (catalog updated)</source>
        <translation>可连接（事项目录已更新）</translation>
    </message>
    <message>
        <location filename="../screens/tech_tabs.py" line="214"/>
        <source>reachable</source>
        <translation>可连接</translation>
    </message>
    <message>
        <location filename="../screens/tech_tabs.py" line="215"/>
        <source>not reachable</source>
        <translation>无法连接</translation>
    </message>
    <message>
        <location filename="../screens/tech_tabs.py" line="216"/>
        <source>reachable, but the answer was invalid</source>
        <translation>可连接，但返回内容无效</translation>
    </message>
    <message>
        <location filename="../screens/tech_tabs.py" line="217"/>
        <source>reachable, but this terminal was refused (token?)</source>
        <translation>可连接，但本终端被拒绝（请检查令牌）</translation>
    </message>
    <message>
        <location filename="../screens/tech_tabs.py" line="233"/>
        <source>Logs exported to</source>
        <translation>日志已导出到</translation>
    </message>
    <message>
        <location filename="../screens/tech_tabs.py" line="233"/>
        <source>Export failed</source>
        <translation>导出失败</translation>
    </message>
</context>
<context>
    <name>TechTabs</name>
    <message>
        <location filename="../screens/tech_tabs.py" line="35"/>
        <source>never</source>
        <translation>从未</translation>
    </message>
    <message>
        <location filename="../screens/tech_tabs.py" line="407"/>
        <source>Provisioning</source>
        <translation>配置包</translation>
    </message>
    <message>
        <location filename="../screens/tech_tabs.py" line="411"/>
        <source>Diagnostics</source>
        <translation>设备诊断</translation>
    </message>
    <message>
        <location filename="../screens/tech_tabs.py" line="415"/>
        <source>Sync</source>
        <translation>同步</translation>
    </message>
</context>
<context>
    <name>TechnicianScreen</name>
    <message>
        <location filename="../screens/technician.py" line="68"/>
        <source>Technician panel</source>
        <translation>技术人员面板</translation>
    </message>
    <message>
        <location filename="../screens/technician.py" line="69"/>
        <source>Back to service</source>
        <translation>返回服务</translation>
    </message>
    <message>
        <location filename="../screens/technician.py" line="70"/>
        <source>Exit kiosk</source>
        <translation>退出终端程序</translation>
    </message>
    <message>
        <location filename="../screens/technician.py" line="78"/>
        <source>Terminal</source>
        <translation>终端</translation>
    </message>
    <message>
        <location filename="../screens/technician.py" line="79"/>
        <source>Location</source>
        <translation>位置</translation>
    </message>
    <message>
        <location filename="../screens/technician.py" line="80"/>
        <source>Model</source>
        <translation>型号</translation>
    </message>
    <message>
        <location filename="../screens/technician.py" line="81"/>
        <source>Version</source>
        <translation>版本</translation>
    </message>
    <message>
        <location filename="../screens/technician.py" line="82"/>
        <source>Profile</source>
        <translation>配置方案</translation>
    </message>
    <message>
        <location filename="../screens/technician.py" line="83"/>
        <source>Config files</source>
        <translation>配置文件</translation>
    </message>
    <message>
        <location filename="../screens/technician.py" line="84"/>
        <source>Data folder</source>
        <translation>数据目录</translation>
    </message>
    <message>
        <location filename="../screens/technician.py" line="85"/>
        <source>Uptime</source>
        <translation>运行时间</translation>
    </message>
    <message>
        <location filename="../screens/technician.py" line="94"/>
        <source>Overview</source>
        <translation>概况</translation>
    </message>
    <message>
        <location filename="../screens/technician.py" line="97"/>
        <source>No devices configured</source>
        <translation>未配置设备</translation>
    </message>
    <message>
        <location filename="../screens/technician.py" line="101"/>
        <source>Devices</source>
        <translation>设备</translation>
    </message>
    <message>
        <location filename="../screens/technician.py" line="105"/>
        <source>Config</source>
        <translation>配置</translation>
    </message>
</context>
<context>
    <name>Touch</name>
    <message>
        <location filename="../touch.py" line="223"/>
        <source>▼  More below: drag up  ▼</source>
        <translation>▼  下面还有，请向上滑动  ▼</translation>
    </message>
    <message>
        <location filename="../touch.py" line="225"/>
        <source>▲  More above: drag down  ▲</source>
        <translation>▲  上面还有，请向下滑动  ▲</translation>
    </message>
    <message>
        <location filename="../touch.py" line="311"/>
        <source>Page %1 of %2</source>
        <translation>第 %1 页，共 %2 页</translation>
    </message>
    <message>
        <location filename="../touch.py" line="317"/>
        <source>◀  Previous</source>
        <translation>◀  上一页</translation>
    </message>
    <message>
        <location filename="../touch.py" line="318"/>
        <source>More  ▶</source>
        <translation>下一页  ▶</translation>
    </message>
</context>
</TS>
